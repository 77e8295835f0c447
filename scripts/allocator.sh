# Sourced by ./vla and ./test: run .NET with jemalloc when it is installed (scripts/setup.sh installs libjemalloc2).
# libtorch on CPU allocates and frees every activation of every training step; glibc hands those blocks back to the
# kernel and page-faults them in again next step. Measured with `vla bench --recipe oft` on this 2-core machine,
# 2 threads, one build: 0.94 steps/s with glibc (1.25 with its mallopt retention), 1.63 with jemalloc.
# Set VLA_ALLOCATOR=glibc to opt out; an LD_PRELOAD the caller already set is left alone.

# The installed libjemalloc.so.2's path, or nothing (setup.sh asks the same to decide whether to install it).
# awk reads to the end: exiting at the first match could kill ldconfig with SIGPIPE mid-write, and under
# `set -o pipefail` that failed the caller's `lib="$(...)"`, so ./vla exited silently now and then.
vla_jemalloc_lib() { ldconfig -p 2>/dev/null | awk '!found && /libjemalloc\.so\.2 /{print $NF; found=1}'; }

vla_use_jemalloc() {
  [ "${VLA_ALLOCATOR:-jemalloc}" = glibc ] && return 0
  [ -n "${LD_PRELOAD:-}" ] && return 0
  local lib
  lib="$(vla_jemalloc_lib)"
  [ -n "$lib" ] || return 0
  export LD_PRELOAD="$lib"
  # Keep freed pages (no decay): a training step reuses the same sizes, so returning them only costs page faults.
  export MALLOC_CONF="${MALLOC_CONF:-background_thread:true,metadata_thp:auto,dirty_decay_ms:-1,muzzy_decay_ms:-1}"
}
