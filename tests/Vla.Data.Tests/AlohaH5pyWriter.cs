using System.Text.Json;

namespace Vla.Data.Tests;

/// <summary>
/// Writes ACT/ALOHA-layout episode files with python3-h5py, as ACT's record scripts do (/action, /observations/qpos,
/// /observations/qvel, /observations/images/&lt;camera&gt;, attrs['sim']). Values follow <see cref="Expected"/>: episode
/// e is "demo" e, qpos is proprio key 0, camera c is camera c.
/// </summary>
internal static class AlohaH5pyWriter
{
    /// <summary>One episode file. <see cref="Post"/> is Python run afterwards with `f` and `np`, to corrupt it.</summary>
    public sealed record Spec(string Path, int Episode = 0, int Steps = 6, int Size = 16, string[]? Cameras = null,
        int Dim = 14, string Post = "");

    public static readonly string[] AlohaCameras = ["cam_high", "cam_left_wrist"];

    private const string Script = """
        import sys, json
        import numpy as np, h5py
        spec = json.load(open(sys.argv[1]))
        T, S, D, e = spec['steps'], spec['size'], spec['dim'], spec['episode']
        t = np.arange(T)[:, None]
        with h5py.File(spec['path'], 'w') as f:
            f.attrs['sim'] = True
            f.create_dataset('action', data=((e * 1000 + t * 10 + np.arange(D)[None, :]) * 0.25).astype(np.float64))
            obs = f.create_group('observations')
            obs.create_dataset('qpos', data=((e * 100 + t * 10 + np.arange(D)[None, :]) * 0.5).astype(np.float64))
            obs.create_dataset('qvel', data=np.zeros((T, D)))
            images = obs.create_group('images')
            for c, name in enumerate(spec['cameras']):
                tt, yy, xx, ch = np.ogrid[0:T, 0:S, 0:S, 0:3]
                images.create_dataset(name, data=((e * 31 + tt * 17 + yy * 5 + xx * 3 + ch * 11 + c * 101) % 256).astype(np.uint8),
                                      chunks=(1, S, S, 3))
            exec(spec['post'], {'f': f, 'np': np})
        """;

    public static string Write(Spec spec)
    {
        var json = JsonSerializer.Serialize(new
        {
            path = spec.Path, episode = spec.Episode, steps = spec.Steps, size = spec.Size,
            cameras = spec.Cameras ?? AlohaCameras, dim = spec.Dim, post = spec.Post,
        });
        H5pyWriter.RunScript(Script, json, System.IO.Path.GetDirectoryName(spec.Path)!);
        return spec.Path;
    }
}
