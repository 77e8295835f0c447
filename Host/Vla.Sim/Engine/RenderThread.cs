using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using Vla.Sim.Native;

namespace Vla.Sim.Engine;

/// <summary>
/// A dedicated thread that owns one GL context. GL contexts are bound to a thread, so every
/// MuJoCo rendering call of an environment is marshalled here, whatever thread drives the env.
/// </summary>
internal sealed class RenderThread : IDisposable
{
    private readonly BlockingCollection<Action> _queue = new();
    private readonly Thread _thread;
    private nint _gl;
    private bool _disposed;

    internal RenderThread()
    {
        GlBackend.EnsureInitialised();
        _thread = new Thread(Loop) { IsBackground = true, Name = "vla-sim-gl" };
        _thread.Start();
        try { CreateContext(); }
        catch { Dispose(); throw; }
    }

    private void CreateContext()
    {
        Invoke(() =>
        {
            _gl = NativeMethods.vla_gl_create();
            if (_gl == 0)
                throw new SimUnavailableException(NativeAvailability.BuildGlFailureMessage(
                    GlBackend.EnsureInitialised(), "context creation: " + NativeMethods.LastError()));
            return 0;
        });
    }

    /// <summary>Runs <paramref name="work"/> on the GL thread and returns its result (exceptions rethrown here).</summary>
    internal T Invoke<T>(Func<T> work)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (Thread.CurrentThread == _thread) return work();
        T result = default!;
        Exception? error = null;
        using var done = new ManualResetEventSlim(false);
        _queue.Add(() =>
        {
            try { result = work(); }
            catch (Exception e) { error = e; }
            finally { done.Set(); }
        });
        done.Wait();
        if (error != null) ExceptionDispatchInfo.Throw(error);
        return result;
    }

    private void Loop()
    {
        foreach (var item in _queue.GetConsumingEnumerable()) item();
        if (_gl != 0) NativeMethods.vla_gl_destroy(_gl);
        _gl = 0;
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _queue.CompleteAdding();
        _thread.Join();
        _queue.Dispose();
    }
}
