using Vla.Core.Util;
using Vla.Abstractions;

namespace Vla.Core.Data;

/// <summary>
/// A built-in 2-D reach-and-grasp task for tests and smoke runs (see <see cref="SyntheticWorld"/>). The instruction
/// names one of three shapes by colour, so the same image with two instructions needs different actions.
/// Cameras: "agentview" (whole table, gripper drawn as a cross) and "eye_in_hand" (zoomed crop on the gripper).
/// Actions are LIBERO-shaped 7-D (dx, dy, dz, 0, 0, 0, gripper); proprio 8-D (x, y, z, 0, 0, 0, finger, -finger).
/// </summary>
public static class SyntheticTask
{
    public const int Steps = 16;

    public static IReadOnlyList<string> Cameras { get; } = ["agentview", "eye_in_hand"];

    /// <param name="sceneSeed">one fixed scene for all episodes (see <see cref="SyntheticWorld"/>); null = a new scene each</param>
    public static List<Episode> Generate(int episodes, int imageSize, int seed, int? sceneSeed = null) =>
        Enumerable.Range(0, episodes).Select(e => Demonstrate(new SyntheticWorld(Seeds.Mix(seed, e), sceneSeed), imageSize,
            $"synthetic episode {e}")).ToList();

    /// <summary>Closed loop: each trial queries the policy and executes its whole chunk before querying again.</summary>
    public static (double SuccessRate, int Successes) Evaluate(Func<Observation, ActionChunk> policy, int trials, int imageSize,
        int seed, int maxSteps = 24)
    {
        var successes = 0;
        for (var trial = 0; trial < trials; trial++)
        {
            var world = new SyntheticWorld(Seeds.Mix(seed, trial, 0x5eed));
            for (var step = 0; step < maxSteps && !world.Success;)
            {
                var chunk = policy(world.Observe(imageSize));
                for (var k = 0; k < chunk.K && step < maxSteps && !world.Success; k++, step++)
                {
                    var action = chunk.Step(k);
                    if (action.Any(v => !float.IsFinite(v))) { step = maxSteps; break; }
                    world.Apply(action);
                }
            }
            if (world.Success) successes++;
        }
        return ((double)successes / trials, successes);
    }

    private static Episode Demonstrate(SyntheticWorld world, int size, string source)
    {
        var frames = Cameras.ToDictionary(c => c, _ => new byte[Steps][]);
        var proprio = new float[Steps][];
        var actions = new float[Steps][];
        var goals = new float[Steps][];
        var pixels = new float[Steps][];
        for (var t = 0; t < Steps; t++)
        {
            var observation = world.Observe(size);
            foreach (var image in observation.Images) frames[image.Camera][t] = image.Rgb;
            proprio[t] = observation.Proprio;
            goals[t] = world.GoalOffsets;
            pixels[t] = world.GoalPixels;
            actions[t] = world.ExpertAction();
            world.Apply(actions[t]);
        }
        return new Episode(world.Instruction, size, size, frames, proprio, actions, source) { GoalOffsets = goals, GoalPixels = pixels };
    }
}
