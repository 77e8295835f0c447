namespace Vla.Data.LeRobot;

/// <summary>One entry of meta/info.json's `features`: a column of the data files, or a camera stored as video or images.</summary>
/// <param name="Key">the feature's name, e.g. `action`, `observation.state`, `observation.images.top`</param>
/// <param name="Dtype">float32, float64, int64, ..., or `video` (frames in mp4 files) or `image` (PNG/JPEG bytes in the data files)</param>
/// <param name="Shape">e.g. [7] for a vector, [H, W, 3] for a camera</param>
internal sealed record LeRobotFeature(string Key, string Dtype, int[] Shape)
{
    /// <summary>Cameras are usually `observation.images.&lt;name&gt;`; older sets use `observation.image` (pusht).</summary>
    public const string CameraPrefix = "observation.images.";

    public bool IsVideo => Dtype == "video";

    public bool IsCamera => Dtype is "video" or "image";

    /// <summary>Our camera name: the key without `observation.images.` (or `observation.`), e.g. `top`.</summary>
    public string CameraName => Key.StartsWith(CameraPrefix, StringComparison.Ordinal) ? Key[CameraPrefix.Length..]
        : Key.StartsWith("observation.", StringComparison.Ordinal) ? Key["observation.".Length..]
        : Key;
}
