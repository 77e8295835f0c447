// Vla.Sim native shim: the only code that touches MuJoCo structs and GL.
// C# calls these flat functions, so it never mirrors mjModel/mjData layouts (which change per release).
// GL libraries (EGL, OSMesa) are dlopen'ed at run time, so a missing one is a clean error, not a crash.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <mujoco/mujoco.h>

#define VLA_API __attribute__((visibility("default")))

// ---------------------------------------------------------------- errors
// MuJoCo's default error handler calls exit(); ours records the message and jumps back to the wrapper.
static __thread char g_err[1024];
static __thread jmp_buf *g_jmp = NULL;

static void on_mj_error(const char *msg) {
  snprintf(g_err, sizeof g_err, "MuJoCo error: %s", msg);
  if (g_jmp) longjmp(*g_jmp, 1);
}

static void on_mj_warning(const char *msg) { (void)msg; }  // instability warnings are visible via state checks

#define GUARD_BEGIN(fail) { jmp_buf jb; jmp_buf *prev = g_jmp; g_jmp = &jb; \
  if (setjmp(jb)) { g_jmp = prev; return fail; }
#define GUARD_END g_jmp = prev; }

VLA_API const char *vla_last_error(void) { return g_err; }

VLA_API int vla_mj_version(void) {
  mju_user_error = on_mj_error;
  mju_user_warning = on_mj_warning;
  return mj_version();
}

// ---------------------------------------------------------------- simulation
typedef struct {
  mjModel *m;
  mjData *d;
} vla_sim;

VLA_API vla_sim *vla_sim_create(const char *xml) {
  mju_user_error = on_mj_error;
  mju_user_warning = on_mj_warning;
  g_err[0] = 0;
  mjVFS vfs;
  mj_defaultVFS(&vfs);
  int len = (int)strlen(xml);
  if (mj_makeEmptyFileVFS(&vfs, "scene.xml", len) != 0) {
    snprintf(g_err, sizeof g_err, "could not allocate the virtual MJCF file");
    return NULL;
  }
  memcpy(vfs.filedata[mj_findFileVFS(&vfs, "scene.xml")], xml, len);
  char err[1000] = {0};
  mjModel *m = mj_loadXML("scene.xml", &vfs, err, sizeof err);
  mj_deleteVFS(&vfs);
  if (!m) {
    snprintf(g_err, sizeof g_err, "MJCF compile failed: %s", err);
    return NULL;
  }
  vla_sim *s = calloc(1, sizeof *s);
  s->m = m;
  s->d = mj_makeData(m);
  mj_forward(s->m, s->d);
  return s;
}

VLA_API void vla_sim_destroy(vla_sim *s) {
  if (!s) return;
  mj_deleteData(s->d);
  mj_deleteModel(s->m);
  free(s);
}

// kind: 0 body, 1 joint, 2 geom, 3 site, 4 camera, 5 actuator (mapped to mjtObj).
VLA_API int vla_name2id(vla_sim *s, int kind, const char *name) {
  static const int map[] = {mjOBJ_BODY, mjOBJ_JOINT, mjOBJ_GEOM, mjOBJ_SITE, mjOBJ_CAMERA, mjOBJ_ACTUATOR};
  if (kind < 0 || kind > 5) return -1;
  return mj_name2id(s->m, map[kind], name);
}

VLA_API int vla_joint_qposadr(vla_sim *s, int joint) { return s->m->jnt_qposadr[joint]; }
VLA_API int vla_joint_dofadr(vla_sim *s, int joint) { return s->m->jnt_dofadr[joint]; }
VLA_API int vla_body_mocapid(vla_sim *s, int body) { return s->m->body_mocapid[body]; }
VLA_API double vla_body_subtreemass(vla_sim *s, int body) { return s->m->body_subtreemass[body]; }
VLA_API double vla_timestep(vla_sim *s) { return s->m->opt.timestep; }
VLA_API double vla_time(vla_sim *s) { return s->d->time; }

VLA_API void vla_reset(vla_sim *s) { mj_resetData(s->m, s->d); }

VLA_API int vla_forward(vla_sim *s) {
  GUARD_BEGIN(-1)
  mj_forward(s->m, s->d);
  GUARD_END
  return 0;
}

// Steps n times; returns -1 on MuJoCo error, 1 if the state became non-finite, else 0.
VLA_API int vla_step(vla_sim *s, int n) {
  GUARD_BEGIN(-1)
  for (int i = 0; i < n; i++) mj_step(s->m, s->d);
  mj_forward(s->m, s->d);  // so poses, sensors and renders match the integrated state
  GUARD_END
  for (int i = 0; i < s->m->nq; i++)
    if (!(s->d->qpos[i] == s->d->qpos[i]) || s->d->qpos[i] > 1e6 || s->d->qpos[i] < -1e6) return 1;
  return 0;
}

VLA_API void vla_set_qpos(vla_sim *s, int adr, const double *v, int n) { memcpy(s->d->qpos + adr, v, n * sizeof(double)); }
VLA_API void vla_get_qpos(vla_sim *s, int adr, double *v, int n) { memcpy(v, s->d->qpos + adr, n * sizeof(double)); }
VLA_API void vla_zero_qvel(vla_sim *s, int dofadr, int n) { memset(s->d->qvel + dofadr, 0, n * sizeof(double)); }
VLA_API void vla_get_qvel(vla_sim *s, int adr, double *v, int n) { memcpy(v, s->d->qvel + adr, n * sizeof(double)); }
VLA_API void vla_set_ctrl(vla_sim *s, int actuator, double v) { s->d->ctrl[actuator] = v; }

VLA_API void vla_set_mocap(vla_sim *s, int mocapid, const double *pos, const double *quat) {
  memcpy(s->d->mocap_pos + 3 * mocapid, pos, 3 * sizeof(double));
  memcpy(s->d->mocap_quat + 4 * mocapid, quat, 4 * sizeof(double));
}

VLA_API void vla_body_pose(vla_sim *s, int body, double *pos, double *quat) {
  memcpy(pos, s->d->xpos + 3 * body, 3 * sizeof(double));
  memcpy(quat, s->d->xquat + 4 * body, 4 * sizeof(double));
}

VLA_API void vla_site_pos(vla_sim *s, int site, double *pos) { memcpy(pos, s->d->site_xpos + 3 * site, 3 * sizeof(double)); }

VLA_API void vla_set_xfrc(vla_sim *s, int body, const double *f6) { memcpy(s->d->xfrc_applied + 6 * body, f6, 6 * sizeof(double)); }

// ---------------------------------------------------------------- GL backends
// One backend per process: mixing EGL and OSMesa in one process confuses MuJoCo's GL loader.
typedef void *(*pfn_getproc)(const char *);
typedef void *EGLDisplay;
typedef void *EGLConfig;
typedef void *EGLContext;
typedef void *EGLSurface;
typedef int EGLint;
typedef unsigned int EGLBoolean;

static int g_backend = 0;  // 0 none, 1 egl, 2 osmesa
static EGLDisplay g_egl_display = NULL;
static EGLDisplay (*p_eglGetDisplay)(void *);
static EGLBoolean (*p_eglInitialize)(EGLDisplay, EGLint *, EGLint *);
static EGLBoolean (*p_eglChooseConfig)(EGLDisplay, const EGLint *, EGLConfig *, EGLint, EGLint *);
static EGLBoolean (*p_eglBindAPI)(unsigned int);
static EGLContext (*p_eglCreateContext)(EGLDisplay, EGLConfig, EGLContext, const EGLint *);
static EGLBoolean (*p_eglMakeCurrent)(EGLDisplay, EGLSurface, EGLSurface, EGLContext);
static EGLBoolean (*p_eglDestroyContext)(EGLDisplay, EGLContext);
static EGLint (*p_eglGetError)(void);
static void *(*p_OSMesaCreateContextExt)(unsigned int, int, int, int, void *);
static unsigned char (*p_OSMesaMakeCurrent)(void *, void *, unsigned int, int, int);
static void (*p_OSMesaDestroyContext)(void *);

#define LOAD(lib, name) if (!(*(void **)&p_##name = dlsym(lib, #name))) { \
  snprintf(g_err, sizeof g_err, "symbol %s missing", #name); return -1; }

// RGBA8 + depth24/stencil8, pbuffer-capable (surfaceless has no window configs), desktop OpenGL.
static int egl_config(EGLConfig *cfg) {
  static const EGLint attribs[] = {0x3024, 8, 0x3023, 8, 0x3022, 8, 0x3021, 8, 0x3025, 24, 0x3026, 8,
                                   0x3033, 0x0001 /* PBUFFER_BIT */, 0x3040, 0x0008 /* OPENGL_BIT */, 0x3038};
  EGLint n = 0;
  if (!p_eglChooseConfig(g_egl_display, attribs, cfg, 1, &n) || n < 1) {
    snprintf(g_err, sizeof g_err, "eglChooseConfig found no config (0x%x)", p_eglGetError());
    return -1;
  }
  return 0;
}

static int load_egl(void) {
  setenv("EGL_PLATFORM", "surfaceless", 0);
  void *lib = dlopen("libEGL.so.1", RTLD_NOW | RTLD_GLOBAL);
  if (!lib) { snprintf(g_err, sizeof g_err, "libEGL.so.1: %s", dlerror()); return -2; }
  LOAD(lib, eglGetDisplay) LOAD(lib, eglInitialize) LOAD(lib, eglChooseConfig) LOAD(lib, eglBindAPI)
  LOAD(lib, eglCreateContext) LOAD(lib, eglMakeCurrent) LOAD(lib, eglDestroyContext) LOAD(lib, eglGetError)
  pfn_getproc getproc = (pfn_getproc)dlsym(lib, "eglGetProcAddress");
  EGLDisplay (*get_platform)(unsigned int, void *, const EGLint *) =
      getproc ? (EGLDisplay (*)(unsigned int, void *, const EGLint *))getproc("eglGetPlatformDisplayEXT") : NULL;
  g_egl_display = get_platform ? get_platform(0x31DD /* SURFACELESS_MESA */, NULL, NULL) : NULL;
  if (!g_egl_display) g_egl_display = p_eglGetDisplay(NULL);
  EGLint major, minor;
  if (!g_egl_display || !p_eglInitialize(g_egl_display, &major, &minor)) {
    snprintf(g_err, sizeof g_err, "eglInitialize failed (0x%x)", p_eglGetError());
    return -3;
  }
  EGLConfig cfg;  // probe now, so a display without usable configs falls back to OSMesa
  return egl_config(&cfg) == 0 ? 0 : -4;
}

static int load_osmesa(void) {
  void *lib = dlopen("libOSMesa.so.8", RTLD_NOW | RTLD_GLOBAL);
  if (!lib) lib = dlopen("libOSMesa.so.6", RTLD_NOW | RTLD_GLOBAL);
  if (!lib) { snprintf(g_err, sizeof g_err, "libOSMesa.so: %s", dlerror()); return -2; }
  LOAD(lib, OSMesaCreateContextExt) LOAD(lib, OSMesaMakeCurrent) LOAD(lib, OSMesaDestroyContext)
  return 0;
}

// want: 0 auto (EGL then OSMesa), 1 EGL, 2 OSMesa. Returns the chosen backend (1/2) or a negative error.
VLA_API int vla_gl_init(int want) {
  if (g_backend) return g_backend;
  // llvmpipe spawns one render thread per core; they fight the policy's compute threads, so default to one.
  setenv("LP_NUM_THREADS", "1", 0);
  int rc = -1;
  if (want == 0 || want == 1) {
    rc = load_egl();
    if (rc == 0) return g_backend = 1;
    if (want == 1) return rc;
  }
  rc = load_osmesa();
  if (rc == 0) return g_backend = 2;
  return rc;
}

typedef struct {
  void *ctx;
  unsigned char *osmesa_buf;  // OSMesa needs a default framebuffer even though MuJoCo renders into its FBO
} vla_gl;

static int egl_create(vla_gl *g) {
  EGLConfig cfg;
  if (egl_config(&cfg) != 0) return -1;
  p_eglBindAPI(0x30A2 /* EGL_OPENGL_API */);
  g->ctx = p_eglCreateContext(g_egl_display, cfg, NULL, NULL);
  if (!g->ctx || !p_eglMakeCurrent(g_egl_display, NULL, NULL, g->ctx)) {
    snprintf(g_err, sizeof g_err, "EGL context creation failed (0x%x)", p_eglGetError());
    return -1;
  }
  return 0;
}

static int osmesa_create(vla_gl *g) {
  g->ctx = p_OSMesaCreateContextExt(0x1908 /* GL_RGBA */, 24, 8, 0, NULL);
  if (!g->ctx) { snprintf(g_err, sizeof g_err, "OSMesaCreateContextExt failed"); return -1; }
  g->osmesa_buf = malloc(64 * 64 * 4);
  if (!p_OSMesaMakeCurrent(g->ctx, g->osmesa_buf, 0x1401 /* GL_UNSIGNED_BYTE */, 64, 64)) {
    snprintf(g_err, sizeof g_err, "OSMesaMakeCurrent failed");
    return -1;
  }
  return 0;
}

// Creates a GL context and makes it current on the calling thread (which must own it from now on).
VLA_API vla_gl *vla_gl_create(void) {
  if (!g_backend) { snprintf(g_err, sizeof g_err, "vla_gl_init was not called"); return NULL; }
  vla_gl *g = calloc(1, sizeof *g);
  int rc = g_backend == 1 ? egl_create(g) : osmesa_create(g);
  if (rc != 0) { free(g->osmesa_buf); free(g); return NULL; }
  return g;
}

VLA_API void vla_gl_destroy(vla_gl *g) {
  if (!g) return;
  if (g_backend == 1) {
    p_eglMakeCurrent(g_egl_display, NULL, NULL, NULL);
    p_eglDestroyContext(g_egl_display, g->ctx);
  } else {
    p_OSMesaDestroyContext(g->ctx);
  }
  free(g->osmesa_buf);
  free(g);
}

// ---------------------------------------------------------------- rendering
typedef struct {
  mjvScene scn;
  mjvOption opt;
  mjvCamera cam;
  mjrContext con;
  unsigned char *tmp;
  int cap;
} vla_renderer;

// Needs the GL context current on this thread. Shadows/reflections off: they cost ~4x per frame.
VLA_API vla_renderer *vla_renderer_create(vla_sim *s) {
  vla_renderer *r = calloc(1, sizeof *r);
  GUARD_BEGIN(NULL)
  mjv_defaultScene(&r->scn);
  mjv_defaultOption(&r->opt);
  mjv_defaultCamera(&r->cam);
  mjr_defaultContext(&r->con);
  mjv_makeScene(s->m, &r->scn, 1000);
  mjr_makeContext(s->m, &r->con, mjFONTSCALE_100);
  mjr_setBuffer(mjFB_OFFSCREEN, &r->con);
  GUARD_END
  r->scn.flags[mjRND_SHADOW] = 0;
  r->scn.flags[mjRND_REFLECTION] = 0;
  r->scn.flags[mjRND_SKYBOX] = 0;
  return r;
}

VLA_API void vla_renderer_destroy(vla_renderer *r) {
  if (!r) return;
  mjr_freeContext(&r->con);
  mjv_freeScene(&r->scn);
  free(r->tmp);
  free(r);
}

// Renders fixed camera `cam` into out (h*w*3 RGB, top row first). Returns 0 or -1.
VLA_API int vla_render(vla_renderer *r, vla_sim *s, int cam, int w, int h, unsigned char *out) {
  if (w > r->con.offWidth || h > r->con.offHeight) {
    snprintf(g_err, sizeof g_err, "image %dx%d exceeds offscreen buffer %dx%d", w, h, r->con.offWidth, r->con.offHeight);
    return -1;
  }
  if (r->cap < w * h * 3) {
    free(r->tmp);
    r->cap = w * h * 3;
    r->tmp = malloc(r->cap);
  }
  GUARD_BEGIN(-1)
  r->cam.type = mjCAMERA_FIXED;
  r->cam.fixedcamid = cam;
  mjrRect vp = {0, 0, w, h};
  mjv_updateScene(s->m, s->d, &r->opt, NULL, &r->cam, mjCAT_ALL, &r->scn);
  mjr_render(vp, &r->scn, &r->con);
  mjr_readPixels(r->tmp, NULL, vp, &r->con);
  GUARD_END
  // mjr_readPixels returns rows bottom-up; flip so row 0 is the top of the image.
  int row = w * 3;
  for (int y = 0; y < h; y++) memcpy(out + y * row, r->tmp + (h - 1 - y) * row, row);
  return 0;
}
