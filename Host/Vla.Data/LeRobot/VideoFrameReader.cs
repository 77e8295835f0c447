using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Vla.Abstractions;

namespace Vla.Data.LeRobot;

/// <summary>
/// Decodes the frames at given times out of one mp4 file with one ffmpeg process: it seeks to just before the earliest
/// time, decodes forward as rawvideo rgb24 on stdout, and reports every frame's presentation time on stderr (the
/// `showinfo` filter). Each decoded frame whose time lies within a quarter frame of a requested time is resized and
/// kept; the process is stopped once every request is served. One pass per file, because a v3 file holds many episodes
/// back to back and seeking per episode would decode each group of pictures again.
/// Times are the stream's own timestamps (`-copyts`), the convention LeRobot's decoders use for from_timestamp.
/// </summary>
internal sealed partial class VideoFrameReader(Ffmpeg ffmpeg, FrameSizer sizer)
{
    private const int StderrLinesKept = 12;

    /// <param name="times">per episode, the time in this file of each of its frames</param>
    /// <returns>per episode, its frames (resized), and the native frame size</returns>
    public (int Height, int Width, byte[][][] Frames) Read(string file, string key, IReadOnlyList<double[]> times, int fps)
    {
        if (!File.Exists(file))
            throw new VlaException($"{file}: video of '{key}' not found", "the dataset is incomplete: re-download its videos/ folder");
        var frames = times.Select(t => new byte[t.Length][]).ToArray();
        var targets = times.SelectMany((ts, e) => ts.Select((t, i) => (Time: t, Episode: e, Row: i))).OrderBy(x => x.Time).ToArray();
        if (targets.Length == 0) return (0, 0, frames);
        var tolerance = 0.25 / fps;
        var start = Math.Max(0, targets[0].Time - 0.5 / fps);   // half a frame early: the first wanted frame survives rounding
        using var process = ffmpeg.Start(Arguments(file, start), writeStdin: false, $"decode {file}");
        var stderr = new StderrWatcher(process);
        try
        {
            var (height, width, next) = (0, 0, 0);
            byte[] buffer = [];
            var stdout = process.StandardOutput.BaseStream;
            while (next < targets.Length && stderr.NextFrame() is { } info)
            {
                if (buffer.Length == 0) (height, width, buffer) = (info.Height, info.Width, new byte[info.Height * info.Width * 3]);
                if ((info.Height, info.Width) != (height, width))
                    throw new VlaException($"{file}: frame size changes from {width}x{height} to {info.Width}x{info.Height} at t={info.Time:0.###}s",
                        "LeRobot videos have one frame size: re-encode the file");
                if (stdout.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false) < buffer.Length) break;
                if (targets[next].Time < info.Time - tolerance) throw MissingFrame(file, key, targets[next], info.Time, times, fps);
                byte[]? frame = null;
                for (; next < targets.Length && Math.Abs(targets[next].Time - info.Time) <= tolerance; next++)
                    frames[targets[next].Episode][targets[next].Row] = frame ??= sizer.Take(buffer, 0, height, width);
            }
            if (next < targets.Length)
            {
                Ffmpeg.Stop(process);
                stderr.Join();
                if (process.ExitCode != 0 && stderr.FramesSeen == 0)
                    throw new VlaException($"{file}: ffmpeg cannot decode the video of '{key}': {stderr.Tail()}",
                        "the file is damaged or truncated (an interrupted download?): re-download it");
                throw new VlaException($"{file}: the video of '{key}' ends at t={stderr.LastTime:0.###}s but " +
                    $"{Describe(targets[next], times, fps)} needs a frame at t={targets[next].Time:0.###}s",
                    "the video is shorter than the data says (truncated file, or wrong from_timestamp in meta/episodes)");
            }
            return (height, width, frames);
        }
        finally
        {
            Ffmpeg.Stop(process);
            stderr.Join();
        }
    }

    // -vsync passthrough: every decoded frame once, none duplicated or dropped (spelled the pre-5.1 way, which newer
    // ffmpeg still accepts, so Ubuntu 22.04's 4.4 works too).
    private static string[] Arguments(string file, double start)
    {
        var args = new List<string> { "-nostdin", "-hide_banner", "-nostats", "-loglevel", "info", "-copyts" };
        if (start > 0) args.AddRange(["-ss", start.ToString("R", CultureInfo.InvariantCulture)]);
        args.AddRange(["-i", file, "-map", "0:v:0", "-an", "-vf", "showinfo=checksum=0", "-vsync", "passthrough",
            "-f", "rawvideo", "-pix_fmt", "rgb24", "pipe:1"]);
        return [.. args];
    }

    private static VlaException MissingFrame(string file, string key, (double Time, int Episode, int Row) target, double decoded,
        IReadOnlyList<double[]> times, int fps) =>
        new($"{file}: no frame of '{key}' at t={target.Time:0.####}s for {Describe(target, times, fps)} (the nearest decoded frame is at t={decoded:0.####}s)",
            $"the video and the data disagree on timing (fps {fps}): check timestamp in the data and from_timestamp in meta/episodes, or re-encode the video");

    private static string Describe((double Time, int Episode, int Row) target, IReadOnlyList<double[]> times, int fps) =>
        $"frame {target.Row} of the {Ordinal(target.Episode)} episode in this file ({times[target.Episode].Length} frames at {fps} fps)";

    private static string Ordinal(int i) => (i + 1) switch { 1 => "1st", 2 => "2nd", 3 => "3rd", var n => $"{n}th" };

    /// <summary>
    /// Reads ffmpeg's stderr on its own thread (so neither pipe can fill up and stall ffmpeg): showinfo lines become
    /// frame times in decode-output order; the last other lines are kept for error messages.
    /// </summary>
    private sealed class StderrWatcher
    {
        private readonly BlockingCollection<(double Time, int Width, int Height)> _frames = new();
        private readonly Queue<string> _tail = new();
        private readonly Thread _thread;

        public StderrWatcher(Process process)
        {
            _thread = new Thread(() => Pump(process)) { IsBackground = true, Name = "ffmpeg-stderr" };
            _thread.Start();
        }

        public int FramesSeen { get; private set; }

        public double LastTime { get; private set; }

        /// <summary>The next decoded frame's time and size; null when ffmpeg has ended.</summary>
        public (double Time, int Width, int Height)? NextFrame()
        {
            if (!_frames.TryTake(out var frame, Timeout.Infinite)) return null;
            FramesSeen++;
            LastTime = frame.Time;
            return frame;
        }

        public string Tail()
        {
            lock (_tail) return string.Join(" | ", _tail);
        }

        public void Join() => _thread.Join();

        private void Pump(Process process)
        {
            try
            {
                while (process.StandardError.ReadLine() is { } line)
                {
                    var m = ShowInfo().Match(line);
                    if (m.Success)
                    {
                        _frames.Add((double.Parse(m.Groups["t"].Value, CultureInfo.InvariantCulture),
                            int.Parse(m.Groups["w"].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups["h"].Value, CultureInfo.InvariantCulture)));
                        continue;
                    }
                    lock (_tail)
                    {
                        _tail.Enqueue(line.Trim());
                        if (_tail.Count > StderrLinesKept) _tail.Dequeue();
                    }
                }
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException)
            {
                // the process was stopped
            }
            finally
            {
                _frames.CompleteAdding();
            }
        }
    }

    // e.g. "[Parsed_showinfo_0 @ 0x5] n:   1 pts:    512 pts_time:0.05    pos: 794 fmt:gbrp sar:0/1 s:8x8 i:P ..."
    [GeneratedRegex(@"\bn:\s*\d+\s+pts:\s*-?\d+\s+pts_time:(?<t>-?[0-9.eE+-]+)\s.*?\bs:(?<w>\d+)x(?<h>\d+)")]
    private static partial Regex ShowInfo();
}
