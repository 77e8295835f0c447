#!/usr/bin/env bash
# One-time machine set-up shared by ./vla and ./test. Safe to run twice: every step checks first.
# Installs: the newer libstdc++ TorchSharp 0.107 needs (GLIBCXX_3.4.32, from Debian trixie, pinned low),
# the native libraries the simulator and data tools use, then restores NuGet packages.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STAMP="$ROOT/artifacts/.setup-done"
log() { echo "[setup] $*" >&2; }

need_root() {
  if [ "$(id -u)" != 0 ]; then
    log "this step needs root (apt-get): re-run as root or install it by hand: $*"; exit 3
  fi
}

libstdcxx_ok() {
  local lib
  lib="$(ldconfig -p | awk '!found && /libstdc\+\+\.so\.6 .*x86-64/{print $NF; found=1}')"   # no early exit: see allocator.sh
  [ -n "$lib" ] && grep -qaF GLIBCXX_3.4.32 "$lib"
}

apt_updated=0
apt_update() { [ $apt_updated = 1 ] || { apt-get update -qq >&2; apt_updated=1; }; }

ensure_libstdcxx() {
  libstdcxx_ok && return 0
  need_root "libstdc++6 >= 13 (GLIBCXX_3.4.32)"
  log "TorchSharp needs GLIBCXX_3.4.32; installing libstdc++6 from trixie (pinned at priority 100)"
  local src; src="$(ls /etc/apt/sources.list.d/*.sources 2>/dev/null | head -1 || true)"
  local uri keyring
  if [ -n "$src" ]; then
    uri="$(awk '/^URIs:/{print $2; exit}' "$src")"
    keyring="$(awk '/^Signed-By:/{print $2; exit}' "$src")"
  else
    uri="$(awk '$1=="deb" && $0 ~ /bookworm/ {for(i=2;i<=NF;i++) if ($i ~ /^http/) {print $i; exit}}' /etc/apt/sources.list)"
    keyring=/usr/share/keyrings/debian-archive-keyring.gpg
  fi
  cat > /etc/apt/sources.list.d/vla-trixie.sources <<SRC
Types: deb
URIs: $uri
Suites: trixie
Components: main
Signed-By: $keyring
SRC
  cat > /etc/apt/preferences.d/vla-trixie <<PREF
Package: *
Pin: release n=trixie
Pin-Priority: 100
PREF
  apt_updated=0; apt_update
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -t trixie --no-install-recommends \
    -o APT::Get::Upgrade-By-Source-Package=false libstdc++6 >&2
  libstdcxx_ok || { log "libstdc++6 upgrade did not provide GLIBCXX_3.4.32"; exit 3; }
}

# Debian packages the project uses at run time (simulator, rendering, data fixtures, video).
APT_PACKAGES=(libmujoco-dev libosmesa6 libegl1 libgl1 python3-h5py ffmpeg)
ensure_apt() {
  local missing=()
  for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} = 0 ] && return 0
  need_root "${missing[*]}"
  log "installing ${missing[*]}"
  apt_update
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
}

# jemalloc makes training ~1.3x faster (scripts/allocator.sh) but nothing needs it: installed when we are root (also on
# machines set up before it was added), otherwise a hint on first set-up and glibc's malloc.
. "$ROOT/scripts/allocator.sh"
ensure_jemalloc() {
  [ -n "$(vla_jemalloc_lib)" ] && return 0
  if [ "$(id -u)" != 0 ]; then
    [ "${1:-}" = quiet ] || log "optional: apt-get install libjemalloc2 (as root) makes training ~1.3x faster"
    return 0
  fi
  log "installing libjemalloc2"
  apt_update
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends libjemalloc2 >&2
}

if [ -f "$STAMP" ] && libstdcxx_ok; then ensure_jemalloc quiet; exit 0; fi
command -v dotnet >/dev/null || { log "the .NET 10 SDK is missing: install dotnet-sdk-10.0 and re-run"; exit 3; }
ensure_libstdcxx
ensure_apt
ensure_jemalloc
log "restoring NuGet packages"
dotnet restore "$ROOT/Framework.sln" --verbosity quiet >&2
mkdir -p "$ROOT/artifacts"; touch "$STAMP"
