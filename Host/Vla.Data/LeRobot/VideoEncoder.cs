using System.Globalization;
using Vla.Abstractions;

namespace Vla.Data.LeRobot;

/// <summary>
/// Encodes RGB frames into one mp4 with ffmpeg fed rawvideo on stdin. Lossless: H.264 in RGB (libx264rgb, qp 0), so
/// frames read back bit-identical (yuv420p would blur colour edges; LeRobot requires mp4, so ffv1/mkv is not an option).
/// GOP 2 as in LeRobot's own encoder settings, because LeRobot decodes random frames while training and a long GOP
/// would make every access decode many frames.
/// </summary>
internal static class VideoEncoder
{
    public const string Encoder = "libx264rgb";

    /// <summary>What ffprobe reports for such a stream; recorded in meta/info.json's video info.</summary>
    public const string Codec = "h264", PixelFormat = "gbrp";

    public const int Gop = 2;

    public static void Write(Ffmpeg ffmpeg, string file, int height, int width, int fps, IEnumerable<byte[]> frames)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        string[] args =
        [
            "-hide_banner", "-nostats", "-loglevel", "error", "-y",
            "-f", "rawvideo", "-pix_fmt", "rgb24", "-s", $"{width}x{height}", "-framerate", fps.ToString(CultureInfo.InvariantCulture), "-i", "pipe:0",
            "-an", "-c:v", Encoder, "-qp", "0", "-preset", "fast", "-g", Gop.ToString(CultureInfo.InvariantCulture), "-pix_fmt", "rgb24",
            file,
        ];
        using var process = ffmpeg.Start(args, writeStdin: true, $"encode {file}");
        var errors = process.StandardError.ReadToEndAsync();   // drained meanwhile, so a chatty ffmpeg cannot stall on a full pipe
        try
        {
            using (var stdin = process.StandardInput.BaseStream)
                foreach (var frame in frames) stdin.Write(frame);
        }
        catch (IOException)
        {
            // ffmpeg quit early: its exit code and message below say why
        }
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new VlaException($"{file}: ffmpeg failed to encode the video (exit {process.ExitCode}): {errors.Result.Trim()}",
                $"check free disk space; this needs an ffmpeg with the {Encoder} encoder (Debian's ffmpeg has it)");
    }
}
