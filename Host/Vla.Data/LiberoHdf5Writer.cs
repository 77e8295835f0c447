using System.Text.Json;
using PureHDF;
using Vla.Abstractions;
using Vla.Core.Data;

namespace Vla.Data;

/// <summary>
/// Writes episodes as one task file in the LIBERO/robomimic layout our simulator writes (Vla.Sim's Hdf5DemoFile):
/// data/demo_i/{actions, obs/{&lt;camera&gt;_rgb, proprio keys}, dones, rewards}, num_samples on each demo,
/// problem_info (JSON with language_instruction) on data, so <see cref="LiberoHdf5Reader"/> reads it back unchanged.
/// Proprio: 8-D is split into LIBERO's ee_pos/ee_ori/gripper_states; any other size is one `obs/proprio` dataset,
/// and `data.attrs['proprio_keys']` names the keys either way (the reader uses it when no keys are given).
/// </summary>
public static class LiberoHdf5Writer
{
    /// <summary>`data.attrs` key listing the proprio datasets in order (JSON array of names).</summary>
    public const string ProprioKeysAttribute = "proprio_keys";

    /// <summary>Writes <paramref name="path"/> directly (callers wanting atomicity write into a temp folder).</summary>
    public static void Write(string path, IReadOnlyList<Episode> episodes)
    {
        if (episodes.Count == 0) throw new VlaException($"{path}: no episodes to write");
        var first = episodes[0];
        var keys = ProprioLayout(first.Proprio[0].Length);
        var data = new H5Group();
        for (var i = 0; i < episodes.Count; i++)
        {
            EpisodeShapes.RequireSame(first, [episodes[i]]);
            data[$"demo_{i}"] = Demo(episodes[i], keys);
        }
        data.Attributes["problem_info"] = JsonSerializer.Serialize(new Dictionary<string, string> { ["language_instruction"] = first.Instruction });
        data.Attributes[ProprioKeysAttribute] = JsonSerializer.Serialize(keys.Select(k => k.Key));
        data.Attributes["total"] = episodes.Sum(e => e.Length);
        data.Attributes["env_args"] = JsonSerializer.Serialize(new { env_name = "vla_import" });
        new H5File { ["data"] = data }.Write(path);
    }

    private static (string Key, int Dim)[] ProprioLayout(int dim) => dim switch
    {
        0 => [],
        8 => [("ee_pos", 3), ("ee_ori", 3), ("gripper_states", 2)],
        _ => [("proprio", dim)],
    };

    private static H5Group Demo(Episode e, (string Key, int Dim)[] proprioKeys)
    {
        var t = (ulong)e.Length;
        var obs = new H5Group();
        foreach (var (camera, frames) in e.Frames)
            obs[$"{camera}_rgb"] = new H5Dataset(Concat(frames), fileDims: [t, (ulong)e.Height, (ulong)e.Width, 3]);
        var column = 0;
        foreach (var (key, dim) in proprioKeys)
        {
            obs[key] = new H5Dataset(Slice(e.Proprio, column, dim), fileDims: [t, (ulong)dim]);
            column += dim;
        }
        var dones = new byte[e.Length];
        dones[^1] = 1;   // demonstrations end at success (sparse reward there), as LIBERO's do
        var group = new H5Group
        {
            ["actions"] = new H5Dataset(Slice(e.Actions, 0, e.Actions[0].Length), fileDims: [t, (ulong)e.Actions[0].Length]),
            ["obs"] = obs,
            ["dones"] = new H5Dataset(dones, fileDims: [t]),
            ["rewards"] = new H5Dataset((byte[])dones.Clone(), fileDims: [t]),
        };
        group.Attributes["num_samples"] = e.Length;
        return group;
    }

    private static byte[] Concat(byte[][] frames)
    {
        var n = frames[0].Length;
        var all = new byte[frames.Length * n];
        for (var i = 0; i < frames.Length; i++) Buffer.BlockCopy(frames[i], 0, all, i * n, n);
        return all;
    }

    private static float[] Slice(float[][] rows, int start, int count)
    {
        var all = new float[rows.Length * count];
        for (var i = 0; i < rows.Length; i++) Array.Copy(rows[i], start, all, i * count, count);
        return all;
    }
}
