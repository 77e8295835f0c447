using Vla.Abstractions;
using Vla.Core.Data;

namespace Vla.Data;

/// <summary>Checks shared by every reader: episodes of one dataset must agree in frame size and dimensions.</summary>
internal static class EpisodeShapes
{
    /// <summary>Training stacks all episodes into one tensor per camera, so sizes and dims must agree across files.</summary>
    public static void RequireSame(Episode first, IEnumerable<Episode> episodes)
    {
        foreach (var e in episodes)
        {
            if ((e.Height, e.Width) != (first.Height, first.Width))
                throw new VlaException($"{e.Source}: frames are {e.Height}x{e.Width} but {first.Source} has {first.Height}x{first.Width}",
                    "set an image size to resize on read (the recipe's image_size does)");
            if (e.Actions[0].Length != first.Actions[0].Length)
                throw new VlaException($"{e.Source}: actions have {e.Actions[0].Length} dimensions but {first.Source} has {first.Actions[0].Length}",
                    "all task files of a dataset must share one action space");
            if (e.Proprio[0].Length != first.Proprio[0].Length)
                throw new VlaException($"{e.Source}: proprio has {e.Proprio[0].Length} dimensions but {first.Source} has {first.Proprio[0].Length}",
                    "the proprio keys have different sizes in different files");
        }
    }

    /// <summary>Every camera of an episode must come out at one size: <paramref name="first"/> is the first camera's
    /// (an empty key before it is known); returns it.</summary>
    public static (int Height, int Width, string Key) SameCameraSize((int Height, int Width, string Key) first, H5DatasetView set, int h, int w)
    {
        if (first.Key.Length == 0) return (h, w, set.Key);
        if ((h, w) != (first.Height, first.Width))
            throw new VlaException($"{set.File}: '{set.Key}' frames are {h}x{w} but '{first.Key}' frames are {first.Height}x{first.Width}",
                "cameras of different sizes need resizing on read: set an image size (the recipe's image_size does)");
        return first;
    }
}
