using Vla.Sim.Native;
using Vla.Sim.Scene;

namespace Vla.Sim.Engine;

/// <summary>Owns one compiled MuJoCo model + data (through the shim). Not thread-safe: one driver at a time.</summary>
internal sealed unsafe class MjSim : IDisposable
{
    internal enum Kind { Body = 0, Joint = 1, Geom = 2, Site = 3, Camera = 4, Actuator = 5 }

    internal nint Handle { get; private set; }

    internal MjSim(string xml)
    {
        NativeAvailability.EnsureLoaded();
        Handle = NativeMethods.vla_sim_create(xml);
        if (Handle == 0) throw new InvalidOperationException(NativeMethods.LastError());
    }

    internal int Id(Kind kind, string name)
    {
        int id = NativeMethods.vla_name2id(Handle, (int)kind, name);
        if (id < 0) throw new InvalidOperationException($"MJCF has no {kind} named '{name}'");
        return id;
    }

    internal int QposAdr(int joint) => NativeMethods.vla_joint_qposadr(Handle, joint);
    internal int DofAdr(int joint) => NativeMethods.vla_joint_dofadr(Handle, joint);
    internal int MocapId(int body) => NativeMethods.vla_body_mocapid(Handle, body);
    internal double SubtreeMass(int body) => NativeMethods.vla_body_subtreemass(Handle, body);

    internal void Reset() => NativeMethods.vla_reset(Handle);

    internal void Forward()
    {
        if (NativeMethods.vla_forward(Handle) != 0) throw new InvalidOperationException(NativeMethods.LastError());
    }

    /// <summary>Steps <paramref name="n"/> substeps; false when the state went non-finite (diverged).</summary>
    internal bool Step(int n)
    {
        int rc = NativeMethods.vla_step(Handle, n);
        if (rc < 0) throw new InvalidOperationException(NativeMethods.LastError());
        return rc == 0;
    }

    internal void SetQpos(int adr, ReadOnlySpan<double> values)
    {
        fixed (double* p = values) NativeMethods.vla_set_qpos(Handle, adr, p, values.Length);
    }

    internal double Qpos(int adr)
    {
        double v;
        NativeMethods.vla_get_qpos(Handle, adr, &v, 1);
        return v;
    }

    internal void SetCtrl(int actuator, double value) => NativeMethods.vla_set_ctrl(Handle, actuator, value);

    internal void SetMocap(int mocapId, Vec3 pos, ReadOnlySpan<double> quat)
    {
        double* p = stackalloc double[] { pos.X, pos.Y, pos.Z };
        fixed (double* q = quat) NativeMethods.vla_set_mocap(Handle, mocapId, p, q);
    }

    internal Vec3 BodyPosition(int body, Span<double> quatOut)
    {
        double* p = stackalloc double[3];
        double* q = stackalloc double[4];
        NativeMethods.vla_body_pose(Handle, body, p, q);
        if (quatOut.Length >= 4) new Span<double>(q, 4).CopyTo(quatOut);
        return new Vec3(p[0], p[1], p[2]);
    }

    internal Vec3 SitePosition(int site)
    {
        double* p = stackalloc double[3];
        NativeMethods.vla_site_pos(Handle, site, p);
        return new Vec3(p[0], p[1], p[2]);
    }

    internal void SetExternalForce(int body, Vec3 force)
    {
        double* f = stackalloc double[] { force.X, force.Y, force.Z, 0, 0, 0 };
        NativeMethods.vla_set_xfrc(Handle, body, f);
    }

    public void Dispose()
    {
        if (Handle != 0) NativeMethods.vla_sim_destroy(Handle);
        Handle = 0;
    }
}
