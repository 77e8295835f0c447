using System.Diagnostics;
using System.Text.Json;

namespace Vla.Data.Tests;

/// <summary>
/// Writes LIBERO-layout fixtures with python3-h5py (libhdf5: an independent writer, unlike our PureHDF one).
/// Values follow the formulas in <see cref="Expected"/>, so tests can check every number read back.
/// </summary>
internal static class H5pyWriter
{
    /// <summary>One task file. <see cref="Post"/> is Python run afterwards with `f` (the open file) and `np`, to corrupt it.</summary>
    public sealed record Spec(
        string Path,
        int[]? Demos = null,
        int Steps = 5,
        int Size = 16,
        string[]? Cameras = null,
        (string Key, int Dim)[]? Proprio = null,
        string ActionDtype = "float32",
        string? ProblemInfo = "{\"language_instruction\": \"put the bowl on the plate\"}",
        bool Gzip = false,
        string Post = "");

    private const string Script = """
        import sys, json
        import numpy as np, h5py
        spec = json.load(open(sys.argv[1]))
        T, S = spec['steps'], spec['size']
        with h5py.File(spec['path'], 'w') as f:
            data = f.create_group('data')
            if spec['problem_info'] is not None:
                data.attrs['problem_info'] = spec['problem_info']
            data.attrs['env_args'] = json.dumps({'env_name': 'fixture'})
            for d in spec['demos']:
                g = data.create_group(f'demo_{d}')
                g.attrs['num_samples'] = T
                t = np.arange(T)[:, None]
                g.create_dataset('actions', data=((d * 1000 + t * 10 + np.arange(7)[None, :]) * 0.25).astype(spec['action_dtype']))
                obs = g.create_group('obs')
                for k, (key, dim) in enumerate(spec['proprio']):
                    obs.create_dataset(key, data=((d * 100 + t * 10 + np.arange(dim)[None, :]) * 0.5 + k * 1000).astype(np.float64))
                for c, key in enumerate(spec['cameras']):
                    tt, yy, xx, ch = np.ogrid[0:T, 0:S, 0:S, 0:3]
                    image = ((d * 31 + tt * 17 + yy * 5 + xx * 3 + ch * 11 + c * 101) % 256).astype(np.uint8)
                    extra = {'compression': 'gzip', 'chunks': (1, S, S, 3)} if spec['gzip'] else {}
                    obs.create_dataset(key, data=image, **extra)
                done = (np.arange(T) == T - 1).astype(np.uint8)
                g.create_dataset('dones', data=done)
                g.create_dataset('rewards', data=done)
            exec(spec['post'], {'f': f, 'np': np})
        """;

    public static readonly string[] LiberoCameras = ["agentview_rgb", "eye_in_hand_rgb"];
    public static readonly (string, int)[] LiberoProprio = [("ee_pos", 3), ("ee_ori", 3), ("gripper_states", 2)];

    public static string Write(Spec spec)
    {
        var json = JsonSerializer.Serialize(new
        {
            path = spec.Path,
            demos = spec.Demos ?? [0, 1],
            steps = spec.Steps,
            size = spec.Size,
            cameras = spec.Cameras ?? LiberoCameras,
            proprio = (spec.Proprio ?? LiberoProprio).Select(p => new object[] { p.Key, p.Dim }),
            action_dtype = spec.ActionDtype,
            problem_info = spec.ProblemInfo,
            gzip = spec.Gzip,
            post = spec.Post,
        });
        RunScript(Script, json, System.IO.Path.GetDirectoryName(spec.Path)!);
        return spec.Path;
    }

    /// <summary>Runs a Python <paramref name="script"/> with a JSON spec file as argv[1] (also used by <see cref="AlohaH5pyWriter"/>).</summary>
    public static void RunScript(string script, string json, string dir)
    {
        var specFile = System.IO.Path.Combine(dir, $".spec-{Guid.NewGuid():N}.json");
        var scriptFile = System.IO.Path.Combine(dir, $".write-{Guid.NewGuid():N}.py");
        File.WriteAllText(specFile, json);
        File.WriteAllText(scriptFile, script);
        try
        {
            Run(scriptFile, specFile);
        }
        finally
        {
            File.Delete(specFile);
            File.Delete(scriptFile);
        }
    }

    private static void Run(params string[] args)
    {
        var start = new ProcessStartInfo(Python.Value) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"h5py fixture writer failed: {stderr.Result}");
    }

    /// <summary>
    /// A python3 that imports h5py. Debian's python3-h5py lives in /usr/bin/python3, which a pyenv shim earlier on
    /// PATH hides, so that one is tried first.
    /// </summary>
    private static readonly Lazy<string> Python = new(() =>
    {
        foreach (var candidate in new[] { "/usr/bin/python3", "python3" })
        {
            try
            {
                using var p = Process.Start(new ProcessStartInfo(candidate, ["-c", "import h5py, numpy"])
                    { RedirectStandardError = true, RedirectStandardOutput = true })!;
                p.WaitForExit();
                if (p.ExitCode == 0) return candidate;
            }
            catch (System.ComponentModel.Win32Exception)
            {
                // not installed: try the next
            }
        }
        throw new InvalidOperationException("these tests write fixtures with h5py: apt-get install python3-h5py");
    });
}
