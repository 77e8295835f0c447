using Vla.Sim.Engine;
using Vla.Sim.Evaluation;

namespace Vla.Sim;

/// <summary>Renders a task's initial scene for a seed (both cameras), e.g. to preview layouts.</summary>
public static class SceneRenderer
{
    /// <summary>Camera name -> size*size*3 RGB (top row first) of the seed's initial state.</summary>
    public static IReadOnlyDictionary<string, byte[]> Render(string suite, string task, int seed, int size = 256)
    {
        var spec = SimCatalog.Find(suite, task);
        using var env = new SimEnv(size, size);
        env.Load(spec);
        env.Reset(seed);
        return env.Observe().Images;
    }

    /// <summary>Writes agentview | eye_in_hand side by side as a PNG (2*size x size) and returns the path.</summary>
    public static string RenderPng(string suite, string task, int seed, string path, int size = 256)
    {
        var images = Render(suite, task, seed, size);
        var obs = new SimObservation(images, size, size, new float[SimConventions.ProprioDim], "");
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        RolloutFrames.SavePng(RolloutFrames.SideBySide(obs), size * 2, size, path);
        return path;
    }
}
