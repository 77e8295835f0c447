using System.Runtime.InteropServices;

namespace Vla.Sim.Native;

/// <summary>P/Invoke surface of libvla_mujoco_shim.so; all MuJoCo struct access lives in the shim.</summary>
internal static unsafe partial class NativeMethods
{
    internal const string Lib = "vla_mujoco_shim";

    [LibraryImport(Lib)] internal static partial nint vla_last_error();
    [LibraryImport(Lib)] internal static partial int vla_mj_version();

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)] internal static partial nint vla_sim_create(string xml);
    [LibraryImport(Lib)] internal static partial void vla_sim_destroy(nint sim);
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)] internal static partial int vla_name2id(nint sim, int kind, string name);
    [LibraryImport(Lib)] internal static partial int vla_joint_qposadr(nint sim, int joint);
    [LibraryImport(Lib)] internal static partial int vla_joint_dofadr(nint sim, int joint);
    [LibraryImport(Lib)] internal static partial int vla_body_mocapid(nint sim, int body);
    [LibraryImport(Lib)] internal static partial double vla_body_subtreemass(nint sim, int body);
    [LibraryImport(Lib)] internal static partial double vla_timestep(nint sim);
    [LibraryImport(Lib)] internal static partial void vla_reset(nint sim);
    [LibraryImport(Lib)] internal static partial int vla_forward(nint sim);
    [LibraryImport(Lib)] internal static partial int vla_step(nint sim, int n);
    [LibraryImport(Lib)] internal static partial void vla_set_qpos(nint sim, int adr, double* v, int n);
    [LibraryImport(Lib)] internal static partial void vla_get_qpos(nint sim, int adr, double* v, int n);
    [LibraryImport(Lib)] internal static partial void vla_get_qvel(nint sim, int adr, double* v, int n);
    [LibraryImport(Lib)] internal static partial void vla_set_ctrl(nint sim, int actuator, double v);
    [LibraryImport(Lib)] internal static partial void vla_set_mocap(nint sim, int mocapId, double* pos, double* quat);
    [LibraryImport(Lib)] internal static partial void vla_body_pose(nint sim, int body, double* pos, double* quat);
    [LibraryImport(Lib)] internal static partial void vla_site_pos(nint sim, int site, double* pos);
    [LibraryImport(Lib)] internal static partial void vla_set_xfrc(nint sim, int body, double* f6);

    [LibraryImport(Lib)] internal static partial int vla_gl_init(int want);
    [LibraryImport(Lib)] internal static partial nint vla_gl_create();
    [LibraryImport(Lib)] internal static partial void vla_gl_destroy(nint gl);
    [LibraryImport(Lib)] internal static partial nint vla_renderer_create(nint sim);
    [LibraryImport(Lib)] internal static partial void vla_renderer_destroy(nint renderer);
    [LibraryImport(Lib)] internal static partial int vla_render(nint renderer, nint sim, int camera, int width, int height, byte* rgb);

    internal static string LastError() => Marshal.PtrToStringUTF8(vla_last_error()) ?? "";
}
