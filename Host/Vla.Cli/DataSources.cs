using Vla.Abstractions;
using Vla.Core.Data;

namespace Vla.Cli;

/// <summary>Resolves `--data`: "synthetic" (the built-in toy task) or a dataset folder.</summary>
internal static class DataSources
{
    public static List<Episode> Load(string data, Recipe recipe, int episodes, int seed)
    {
        if (data == "synthetic")
        {
            if (recipe.ActionDim != 7 || (recipe.ProprioDim != 8 && recipe.ProprioDim != 0))
                throw new RecipeException("action_dim", "the synthetic task has 7-D actions and 8-D proprio",
                    "set action_dim 7 and proprio_dim 8 (or 0)");
            return SyntheticTask.Generate(episodes, recipe.ImageSize, seed);
        }
        if (!Directory.Exists(data) && !File.Exists(data))
            throw new VlaException($"--data '{data}' does not exist", "pass a dataset folder, or 'synthetic' for the built-in task");
        throw new VlaException($"reading '{data}' is not supported yet: dataset folders (LIBERO HDF5, LeRobot) arrive with the data import",
            "use --data synthetic for now");
    }
}
