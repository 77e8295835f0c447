using Vla.Abstractions;
using Vla.Data.LeRobot;
using static Vla.Data.Tests.LeRobot.LeRobotFixture;

namespace Vla.Data.Tests.LeRobot;

/// <summary>Every broken LeRobot input is a <see cref="VlaException"/> naming the file and the key, never a raw Parquet.Net or process error.</summary>
public sealed class LeRobotErrorTests : TempFolder
{
    private const string DataFile = "data/chunk-000/file-000.parquet";
    private const string X264 = "-c:v libx264 -preset ultrafast -pix_fmt yuv420p -crf 18";
    private const string TopVideo = "videos/observation.images.top/chunk-000/file-000.mp4";

    /// <summary>(case, fragments of the message (file relative to the dataset, then keys), fragment of the hint)</summary>
    public static TheoryData<string, string[], string> Corruptions() => new()
    {
        { "missing info.json", ["meta/info.json", "not a LeRobot dataset"], "meta/info.json" },
        { "info.json not JSON", ["meta/info.json", "not valid JSON"], "re-download" },
        { "unknown codebase_version", ["meta/info.json", "codebase_version", "v1.6"], "v2.1" },
        { "truncated parquet", [DataFile, "Parquet"], "truncated" },
        { "missing action column", [DataFile, "column 'action' not found"], "observation.state" },
        { "wrong dtype", [DataFile, "column 'action'", "string"], "dtype" },
        { "episode of length 0", ["meta/episodes/chunk-000/file-000.parquet", "episode 1", "'length' 0"], "remove the empty episode" },
        { "missing video file", [TopVideo, "observation.images.top", "not found"], "videos/" },
        { "damaged video file", [TopVideo, "observation.images.top"], "re-download" },
        { "NaN rows", [DataFile, "column 'action'", "NaN", "episode 1, frame 3"], "NaN" },
        { "unknown camera", ["meta/info.json", "camera 'side'"], "cameras in the data: top" },
        { "missing episodes metadata", ["meta/episodes", "no episode metadata"], "re-download" },
        { "missing ffmpeg", ["/nonexistent/ffmpeg"], "apt-get install ffmpeg" },
    };

    [Theory]
    [MemberData(nameof(Corruptions))]
    public void A_broken_dataset_is_a_clear_error(string name, string[] fragments, string hint)
    {
        var spec = new Spec(PathOf("broken"), Size: 16, Lengths: [4, 5], Cameras: ["top"], Codec: X264,
            DropColumn: name == "missing action column" ? "action" : null, ActionAsText: name == "wrong dtype",
            NaNAction: name == "NaN rows" ? (1, 3) : null, EmptyEpisode: name == "episode of length 0" ? 1 : null);
        Write(spec);
        var options = new LeRobotReadOptions(Cameras: name == "unknown camera" ? ["side"] : null)
            { FfmpegPath = name == "missing ffmpeg" ? "/nonexistent/ffmpeg" : "ffmpeg" };
        Corrupt(name, spec.Root);

        var error = FluentActions.Invoking(() => LeRobotReader.Read(spec.Root, options)).Should().Throw<VlaException>().Which;

        error.Message.Should().Contain(fragments[0].StartsWith('/') ? fragments[0] : Path.Combine(spec.Root, fragments[0]), name);
        foreach (var fragment in fragments.Skip(1)) error.Message.Should().Contain(fragment, name);
        (error.Hint ?? "").Should().Contain(hint, name);
    }

    [Fact]
    public void A_v21_dataset_without_episodes_jsonl_is_a_clear_error()
    {
        var spec = new Spec(PathOf("v21"), Version: "v2.1", Size: 16, Lengths: [2], Cameras: []);
        Write(spec);
        File.Delete(Path.Combine(spec.Root, "meta/episodes.jsonl"));

        var error = FluentActions.Invoking(() => LeRobotReader.Read(spec.Root)).Should().Throw<VlaException>().Which;

        error.Message.Should().Contain(Path.Combine(spec.Root, "meta/episodes.jsonl"));
    }

    [Fact]
    public void A_video_shorter_than_its_data_names_the_missing_frame()
    {
        var spec = new Spec(PathOf("short"), Size: 16, Lengths: [4, 5], Cameras: ["top"], Codec: X264);
        Write(spec);
        var video = Path.Combine(spec.Root, TopVideo);
        Write(spec with { Root = PathOf("shorter"), Lengths = [4, 2] });   // same timing, 3 frames fewer at the end
        File.Copy(Path.Combine(PathOf("shorter"), TopVideo), video, overwrite: true);

        var error = FluentActions.Invoking(() => LeRobotReader.Read(spec.Root)).Should().Throw<VlaException>().Which;

        error.Message.Should().Contain(video).And.Contain("observation.images.top").And.Contain("t=0.6");
        error.Hint.Should().Contain("shorter");
    }

    private static void Corrupt(string name, string root)
    {
        var info = Path.Combine(root, "meta/info.json");
        switch (name)
        {
            case "missing info.json":
                File.Delete(info);
                break;
            case "info.json not JSON":
                File.WriteAllText(info, "{\"codebase_version\": \"v3.0\", ");
                break;
            case "unknown codebase_version":
                File.WriteAllText(info, File.ReadAllText(info).Replace("\"v3.0\"", "\"v1.6\""));
                break;
            case "truncated parquet":
                using (var stream = File.Open(Path.Combine(root, DataFile), FileMode.Open)) stream.SetLength(stream.Length / 2);
                break;
            case "missing video file":
                File.Delete(Path.Combine(root, TopVideo));
                break;
            case "damaged video file":
                File.WriteAllBytes(Path.Combine(root, TopVideo), [.. Enumerable.Range(0, 4000).Select(i => (byte)(i * 7))]);
                break;
            case "missing episodes metadata":
                Directory.Delete(Path.Combine(root, "meta/episodes"), recursive: true);
                break;
        }
    }
}
