using Vla.Core.Data;

namespace Vla.Data.Streaming;

/// <summary>Where one episode's frames are: its file and, per camera, the (T, H, W, 3) dataset holding them.</summary>
internal sealed record FrameLocation(string File, IReadOnlyDictionary<string, StoredCamera> Cameras)
{
    /// <summary>The frames of an indexed episode: none in memory.</summary>
    public static readonly IReadOnlyDictionary<string, byte[][]> NoFrames = new Dictionary<string, byte[][]>();
}
