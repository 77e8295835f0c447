using Vla.Abstractions;
using Vla.Core.Data;
using Vla.Core.Data.Streaming;
using Vla.Data;

namespace Vla.Cli;

/// <summary>Resolves `--data`: "synthetic" (the built-in toy task), or a LIBERO/robomimic or ALOHA HDF5 folder or file.</summary>
internal static class DataSources
{
    public static List<Episode> Load(string data, Recipe recipe, int episodes, int seed) =>
        data == "synthetic" ? Synthetic(recipe, episodes, seed) : ReadHdf5(data, recipe);

    /// <summary>
    /// Like <see cref="Load"/>, plus the dataset's statistics from `dataset_statistics.json` beside the data (computed
    /// and stored there on first use) for <c>TrainOptions.Statistics</c>; null for the synthetic task.
    /// </summary>
    public static (List<Episode> Episodes, DatasetStatistics? Statistics) LoadWithStatistics(string data, Recipe recipe, int episodes, int seed)
    {
        if (data == "synthetic") return (Synthetic(recipe, episodes, seed), null);
        var loaded = ReadHdf5(data, recipe);
        return (loaded, DatasetReader.Statistics(data, DatasetFormats.Detect(data), ReadOptions(recipe), loaded));
    }

    /// <summary>
    /// `--stream`: the dataset indexed without its frames (they are read while training) and its statistics, computed
    /// from the index's actions and proprio in one pass (or taken from `dataset_statistics.json`). The caller disposes the store.
    /// </summary>
    public static (IFrameStore Store, DatasetStatistics Statistics) OpenStream(string data, Recipe recipe)
    {
        if (data == "synthetic")
            throw new VlaException("--stream reads a dataset from disk; the synthetic task is generated in memory",
                "drop --stream, or pass --data DIR");
        RequireExists(data);
        var format = DatasetFormats.Detect(data);
        return Checked(DatasetReader.Stream(data, format, ReadOptions(recipe)), data, recipe,
            store => (store, DatasetReader.Statistics(data, format, ReadOptions(recipe), store.Episodes)));
    }

    /// <summary>A list of our simulator's task files (e.g. a pretraining run's part of its cache) indexed for streaming;
    /// statistics come from the index's actions and proprio, as for in-memory episodes. The caller disposes the store.</summary>
    public static IFrameStore OpenStream(IReadOnlyList<string> files, Recipe recipe) =>
        Checked(DatasetReader.Stream(files, ReadOptions(recipe)), files[0], recipe, store => store);

    /// <summary>The store's dimensions checked against the recipe, then <paramref name="then"/>; the store is disposed
    /// when either throws, so a refused dataset leaves no open files.</summary>
    private static T Checked<T>(IFrameStore store, string data, Recipe recipe, Func<IFrameStore, T> then)
    {
        try
        {
            CheckDimensions(data, recipe, store.Episodes[0]);
            return then(store);
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    private static List<Episode> Synthetic(Recipe recipe, int episodes, int seed) =>
        SyntheticTask.Generate(episodes, recipe.ImageSize, seed).Select(e => SyntheticShape.Fit(e, recipe)).ToList();

    // Frames are resized while reading, so a 128 px dataset trained at 64 px never holds 128 px frames in memory.
    private static DatasetReadOptions ReadOptions(Recipe recipe) => new(Cameras: recipe.Cameras, ImageSize: recipe.ImageSize);

    private static List<Episode> ReadHdf5(string data, Recipe recipe)
    {
        RequireExists(data);
        // ALOHA episode files (a root /action dataset) are detected; everything else is read as LIBERO/robomimic.
        var episodes = DatasetReader.Read(data, DatasetFormats.Detect(data), ReadOptions(recipe));
        CheckDimensions(data, recipe, episodes[0]);
        return episodes;
    }

    private static void RequireExists(string data)
    {
        if (!Directory.Exists(data) && !File.Exists(data))
            throw new VlaException($"--data '{data}' does not exist",
                "pass a folder of LIBERO .hdf5 task files, one .hdf5 file, or 'synthetic' for the built-in task");
    }

    private static void CheckDimensions(string data, Recipe recipe, Episode first)
    {
        if (first.Actions[0].Length != recipe.ActionDim)
            throw new RecipeException("action_dim", $"recipe says {recipe.ActionDim} but the actions in '{data}' have {first.Actions[0].Length} dimensions",
                $"set action_dim to {first.Actions[0].Length}");
        if (recipe.ProprioDim > 0 && first.Proprio[0].Length != recipe.ProprioDim)
            throw new RecipeException("proprio_dim",
                $"recipe says {recipe.ProprioDim} but the proprio in '{data}' has {first.Proprio[0].Length} dimensions " +
                $"(obs/{string.Join(" + obs/", LiberoReadOptions.DefaultProprioKeys)}, those present)",
                $"set proprio_dim to {first.Proprio[0].Length}, or 0 to train without proprio");
    }
}
