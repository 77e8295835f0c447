using Vla.Abstractions;

namespace Vla.Core.Training;

/// <summary>
/// A fine-tune reuses the base's vision encoder and backbone as they are, so every size those weights depend on must
/// agree; heads, decoders, conditioning, chunk size, cameras and proprio may differ (their weights start fresh or are
/// mapped row by row).
/// </summary>
internal static class BaseCompatibility
{
    public static void Check(Recipe baseRecipe, Recipe recipe, string basePath)
    {
        Same("image_size", baseRecipe.ImageSize, recipe.ImageSize, basePath);
        Same("vision.kind", baseRecipe.Vision.Kind, recipe.Vision.Kind, basePath);
        Same("vision.width", baseRecipe.Vision.Width, recipe.Vision.Width, basePath);
        Same("vision.depth", baseRecipe.Vision.Depth, recipe.Vision.Depth, basePath);
        Same("vision.heads", baseRecipe.Vision.Heads, recipe.Vision.Heads, basePath);
        if (recipe.Vision.Kind == "vit") Same("vision.patch_size", baseRecipe.Vision.PatchSize, recipe.Vision.PatchSize, basePath);
        Same("backbone.width", baseRecipe.Backbone.Width, recipe.Backbone.Width, basePath);
        Same("backbone.depth", baseRecipe.Backbone.Depth, recipe.Backbone.Depth, basePath);
        Same("backbone.heads", baseRecipe.Backbone.Heads, recipe.Backbone.Heads, basePath);
        Same("backbone.mlp_ratio", baseRecipe.Backbone.MlpRatio, recipe.Backbone.MlpRatio, basePath);
    }

    private static void Same<T>(string field, T inBase, T inRecipe, string basePath)
    {
        if (!EqualityComparer<T>.Default.Equals(inBase, inRecipe))
            throw new RecipeException(field, $"is {inRecipe} but the base run '{basePath}' was trained with {inBase}",
                $"set {field} to {inBase} to fine-tune from this base, or train without --base");
    }
}
