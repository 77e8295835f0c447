using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using Vla.Abstractions;

namespace Vla.Data.LeRobot;

/// <summary>
/// Cameras of dtype `image`: each row of the data file holds a Hugging Face Image struct, normally with the encoded
/// PNG/JPEG bytes embedded (else a path relative to the dataset root). Decoded with ImageSharp to RGB, then sized.
/// </summary>
internal static class ParquetImages
{
    public static (int Height, int Width, byte[][] Frames) Decode(
        (byte[]? Bytes, string? Path)[] cells, IReadOnlyList<int> rows, string dataFile, string key, string root, FrameSizer sizer)
    {
        var frames = new byte[rows.Count][];
        var (height, width) = (0, 0);
        for (var i = 0; i < rows.Count; i++)
        {
            var (bytes, path) = cells[rows[i]];
            bytes ??= path is null ? null : Load(Path.Combine(root, path), dataFile, key, rows[i]);
            if (bytes is null)
                throw new VlaException($"{dataFile}: column '{key}' has no image bytes and no path at row {rows[i]}", "every frame needs an image: repair or drop that row");
            using var image = DecodeOne(bytes, dataFile, key, rows[i]);
            if (i == 0) (height, width) = (image.Height, image.Width);
            if ((image.Height, image.Width) != (height, width))
                throw new VlaException($"{dataFile}: column '{key}' row {rows[i]} is {image.Width}x{image.Height} but earlier frames are {width}x{height}",
                    "one camera must keep one image size");
            var rgb = new byte[height * width * 3];
            image.CopyPixelDataTo(rgb);
            frames[i] = sizer.Take(rgb, 0, height, width);
        }
        return (height, width, frames);
    }

    private static Image<Rgb24> DecodeOne(byte[] bytes, string dataFile, string key, int row)
    {
        try
        {
            return Image.Load<Rgb24>(bytes);
        }
        catch (Exception e) when (e is UnknownImageFormatException or InvalidImageContentException or NotSupportedException)
        {
            throw new VlaException($"{dataFile}: column '{key}' row {row} is not a readable image: {e.Message}", "PNG and JPEG are supported");
        }
    }

    private static byte[] Load(string path, string dataFile, string key, int row) =>
        File.Exists(path)
            ? File.ReadAllBytes(path)
            : throw new VlaException($"{dataFile}: column '{key}' row {row} points to '{path}', which does not exist", "re-download the dataset's images/ folder");
}
