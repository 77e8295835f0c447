using System.Text.Json;
using PureHDF;

namespace Vla.Sim.Data;

/// <summary>
/// Writes one task's demonstrations in the LIBERO/robomimic layout:
/// data/demo_i/{actions, obs/{agentview_rgb, eye_in_hand_rgb, ee_pos, ee_ori, gripper_states, goal_offsets, goal_pixels}, dones, rewards}
/// with num_samples on each demo group and problem_info (JSON with language_instruction) on data.
/// Written to a temp file in the same folder and renamed, so readers never see a half-written file.
/// </summary>
internal static class Hdf5DemoFile
{
    internal static void Write(string path, SimTaskInfo task, IReadOnlyList<EpisodeBuffer> episodes, int height, int width)
    {
        var data = new H5Group();
        for (int i = 0; i < episodes.Count; i++) data[$"demo_{i}"] = Demo(episodes[i], height, width);
        data.Attributes["problem_info"] = JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["language_instruction"] = task.Instruction,
            ["problem_name"] = task.Name,
            ["suite"] = task.Suite,
        });
        data.Attributes["total"] = episodes.Sum(e => e.Length);
        data.Attributes["env_args"] = JsonSerializer.Serialize(new { env_name = "vla_sim_mujoco", control_hz = SimConventions.ControlHz });
        var file = new H5File { ["data"] = data };

        string dir = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(dir);
        string temp = Path.Combine(dir, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            file.Write(temp);
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    private static H5Group Demo(EpisodeBuffer e, int height, int width)
    {
        ulong t = (ulong)e.Length;
        var obs = new H5Group
        {
            ["agentview_rgb"] = new H5Dataset(Concat(e.Agentview), fileDims: [t, (ulong)height, (ulong)width, 3]),
            ["eye_in_hand_rgb"] = new H5Dataset(Concat(e.EyeInHand), fileDims: [t, (ulong)height, (ulong)width, 3]),
            ["ee_pos"] = new H5Dataset(Slice(e.Proprio, 0, 3), fileDims: [t, 3]),
            ["ee_ori"] = new H5Dataset(Slice(e.Proprio, 3, 3), fileDims: [t, 3]),
            ["gripper_states"] = new H5Dataset(Slice(e.Proprio, 6, 2), fileDims: [t, 2]),
            // Privileged, for training only (the auxiliary localisation loss): like LIBERO's `states`, never an input.
            ["goal_offsets"] = new H5Dataset(Slice(e.GoalOffsets, 0, 6), fileDims: [t, 6]),
            // Privileged too (the auxiliary pointing loss): goal_offsets seen through the agentview camera, (u, v) twice.
            ["goal_pixels"] = new H5Dataset(Slice(e.GoalPixels, 0, 4), fileDims: [t, 4]),
        };
        var dones = new byte[e.Length];
        dones[^1] = 1; // episodes end at the first successful step (sparse reward there)
        var rewards = (byte[])dones.Clone();
        var group = new H5Group
        {
            ["actions"] = new H5Dataset(Slice(e.Actions, 0, SimConventions.ActionDim), fileDims: [t, (ulong)SimConventions.ActionDim]),
            ["obs"] = obs,
            ["dones"] = new H5Dataset(dones, fileDims: [t]),
            ["rewards"] = new H5Dataset(rewards, fileDims: [t]),
        };
        group.Attributes["num_samples"] = e.Length;
        group.Attributes["seed"] = e.Seed;
        return group;
    }

    private static byte[] Concat(List<byte[]> frames)
    {
        int n = frames[0].Length;
        var all = new byte[frames.Count * n];
        for (int i = 0; i < frames.Count; i++) Buffer.BlockCopy(frames[i], 0, all, i * n, n);
        return all;
    }

    private static float[] Slice(List<float[]> rows, int start, int count)
    {
        var all = new float[rows.Count * count];
        for (int i = 0; i < rows.Count; i++) Array.Copy(rows[i], start, all, i * count, count);
        return all;
    }
}
