using System.Diagnostics;
using System.Text.Json;
using PureHDF;

namespace Vla.Sim.Tests;

public sealed class DemoWriterTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"vla_demo_{Guid.NewGuid():N}");
    private const int Size = 32;

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    private DemoSummary WriteTwo() => DemoWriter.Write(new DemoRequest("long", 2, _dir, Seed: 7, ImageSize: Size,
        Tasks: ["red_cube_basket_then_blue_cylinder_plate"], Workers: 1));

    [Fact]
    public void The_same_request_reuses_the_file_and_another_regenerates_it()
    {
        var first = WriteTwo().Files[0];
        var written = File.GetLastWriteTimeUtc(first);
        WriteTwo();
        File.GetLastWriteTimeUtc(first).Should().Be(written, "the manifest says the file holds exactly this request");
        DemoWriter.Write(new DemoRequest("long", 3, _dir, Seed: 7, ImageSize: Size, Tasks: ["red_cube_basket_then_blue_cylinder_plate"], Workers: 1))
            .Episodes.Should().Be(3, "a request for more episodes regenerates");
    }

    [Fact]
    public void Writes_libero_layout_readable_by_purehdf()
    {
        var summary = WriteTwo();
        summary.Files.Should().ContainSingle();
        summary.Episodes.Should().Be(2);
        summary.ExpertSuccessRate.Should().BeGreaterThan(0.5);
        Directory.GetFiles(_dir).Select(Path.GetFileName).Should().BeEquivalentTo(
            ["red_cube_basket_then_blue_cylinder_plate_demo.hdf5", "red_cube_basket_then_blue_cylinder_plate_demo.json"],
            "the file and its manifest, no temp files left behind");

        using var file = H5File.OpenRead(summary.Files[0]);
        var data = file.Group("data");
        var info = JsonDocument.Parse(data.Attribute("problem_info").Read<string>());
        info.RootElement.GetProperty("language_instruction").GetString().Should().StartWith("put the red cube in the basket");
        long frames = 0;
        for (int i = 0; i < 2; i++)
        {
            var demo = data.Group($"demo_{i}");
            int t = demo.Attribute("num_samples").Read<int>();
            frames += t;
            demo.Dataset("actions").Space.Dimensions.Should().Equal([(ulong)t, 7UL]);
            demo.Dataset("obs/agentview_rgb").Space.Dimensions.Should().Equal([(ulong)t, Size, Size, 3UL]);
            demo.Dataset("obs/eye_in_hand_rgb").Space.Dimensions.Should().Equal([(ulong)t, Size, Size, 3UL]);
            demo.Dataset("obs/ee_pos").Space.Dimensions.Should().Equal([(ulong)t, 3UL]);
            demo.Dataset("obs/gripper_states").Space.Dimensions.Should().Equal([(ulong)t, 2UL]);
            var dones = demo.Dataset("dones").Read<byte[]>();
            dones.Should().HaveCount(t);
            dones[^1].Should().Be(1);
            var actions = demo.Dataset("actions").Read<float[]>();
            actions.Should().OnlyContain(a => a >= -1 && a <= 1);
        }
        frames.Should().Be(summary.Frames);
    }

    [Fact]
    public void Independent_h5py_reader_sees_the_same_layout()
    {
        if (!File.Exists("/usr/bin/python3")) return; // checker not installed (apt-get install python3-h5py)
        var summary = WriteTwo();
        const string script = """
            import sys, json, h5py
            f = h5py.File(sys.argv[1], 'r')
            d = f['data']
            info = json.loads(d.attrs['problem_info'])
            assert info['language_instruction'].startswith('put the red cube'), info
            keys = sorted(d.keys())
            assert keys == ['demo_0', 'demo_1'], keys
            for k in keys:
                g = d[k]
                t = int(g.attrs['num_samples'])
                assert g['actions'].shape == (t, 7) and g['actions'].dtype == 'float32'
                for cam in ('agentview_rgb', 'eye_in_hand_rgb'):
                    assert g['obs'][cam].shape == (t, 32, 32, 3) and g['obs'][cam].dtype == 'uint8'
                assert g['obs']['ee_pos'].shape == (t, 3) and g['obs']['ee_ori'].shape == (t, 3)
                assert g['obs']['gripper_states'].shape == (t, 2)
                assert g['dones'].shape == (t,) and g['rewards'].shape == (t,) and g['dones'][-1] == 1
                assert g['obs']['agentview_rgb'][0].mean() > 20
            print('ok', len(keys))
            """;
        var psi = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(script);
        psi.ArgumentList.Add(summary.Files[0]);
        using var p = Process.Start(psi)!;
        string stdout = p.StandardOutput.ReadToEnd(), stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (stderr.Contains("No module named 'h5py'")) return;
        (stdout + stderr).Should().Contain("ok 2");
        p.ExitCode.Should().Be(0);
    }
}
