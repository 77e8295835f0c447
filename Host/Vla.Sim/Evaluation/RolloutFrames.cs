using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.PixelFormats;

namespace Vla.Sim.Evaluation;

/// <summary>Collects side-by-side camera frames of a rollout and writes them as an animated GIF (or a PNG).</summary>
internal sealed class RolloutFrames
{
    private readonly List<byte[]> _frames = new();
    private readonly int _height, _width;

    internal RolloutFrames(int height, int width)
    {
        _height = height;
        _width = width;
    }

    internal int Count => _frames.Count;

    /// <summary>Agentview and eye-in-hand next to each other: one (H, 2W, 3) image.</summary>
    internal static byte[] SideBySide(SimObservation obs)
    {
        int row = obs.Width * 3;
        var left = obs.Images[SimConventions.AgentView];
        var right = obs.Images[SimConventions.EyeInHand];
        var frame = new byte[obs.Height * row * 2];
        for (int y = 0; y < obs.Height; y++)
        {
            Buffer.BlockCopy(left, y * row, frame, y * row * 2, row);
            Buffer.BlockCopy(right, y * row, frame, y * row * 2 + row, row);
        }
        return frame;
    }

    internal void Add(SimObservation obs) => _frames.Add(SideBySide(obs));

    internal void SaveGif(string path, int frameDelayCs = 5)
    {
        using var gif = new Image<Rgb24>(_width * 2, _height);
        gif.Metadata.GetGifMetadata().RepeatCount = 0;
        foreach (var data in _frames)
        {
            using var frame = Image.LoadPixelData<Rgb24>(data, _width * 2, _height);
            frame.Frames.RootFrame.Metadata.GetGifMetadata().FrameDelay = frameDelayCs;
            gif.Frames.AddFrame(frame.Frames.RootFrame);
        }
        if (gif.Frames.Count > 1) gif.Frames.RemoveFrame(0); // the blank frame the constructor created
        gif.SaveAsGif(path);
    }

    internal static void SavePng(byte[] rgb, int width, int height, string path)
    {
        using var image = Image.LoadPixelData<Rgb24>(rgb, width, height);
        image.SaveAsPng(path);
    }
}
