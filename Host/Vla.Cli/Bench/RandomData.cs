using Vla.Abstractions;
using Vla.Core.Data;

namespace Vla.Cli.Bench;

/// <summary>
/// Random episodes and observations of exactly a recipe's shapes (any cameras, action and proprio sizes): timing does
/// not depend on what the pixels show, and untrained weights cost the same as trained ones.
/// </summary>
internal static class RandomData
{
    private static readonly string[] Instructions =
    [
        "pick up the red block and place it in the basket",
        "put the black bowl on the plate next to the cookie box",
        "open the top drawer of the cabinet and put the bowl inside",
    ];

    public static List<Episode> Episodes(Recipe recipe, int count, int steps, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(e => new Episode(
            Instructions[e % Instructions.Length], recipe.ImageSize, recipe.ImageSize,
            recipe.Cameras.ToDictionary(c => c, _ => Enumerable.Range(0, steps).Select(_ => Pixels(random, recipe.ImageSize)).ToArray()),
            Enumerable.Range(0, steps).Select(_ => Values(random, recipe.ProprioDim)).ToArray(),
            Enumerable.Range(0, steps).Select(_ => Values(random, recipe.ActionDim)).ToArray(),
            $"bench episode {e}")).ToList();
    }

    /// <summary>Episodes a little longer than the chunk, with frames enough for one training batch of the recipe (what
    /// the bench's policies are built from and its training is timed on).</summary>
    public static List<Episode> TrainingEpisodes(Recipe recipe, int seed = 11)
    {
        var steps = Math.Max(recipe.Chunk + 1, 16);
        return Episodes(recipe, Math.Max(2, (recipe.Training.BatchSize + steps - 1) / steps + 1), steps, seed);
    }

    public static List<Observation> Observations(Recipe recipe, int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(i => new Observation(
            recipe.Cameras.Select(c => new CameraImage(c, recipe.ImageSize, recipe.ImageSize, Pixels(random, recipe.ImageSize))).ToList(),
            Instructions[i % Instructions.Length], Values(random, recipe.ProprioDim))).ToList();
    }

    private static byte[] Pixels(Random random, int size)
    {
        var rgb = new byte[size * size * 3];
        random.NextBytes(rgb);
        return rgb;
    }

    private static float[] Values(Random random, int count) =>
        Enumerable.Range(0, count).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
}
