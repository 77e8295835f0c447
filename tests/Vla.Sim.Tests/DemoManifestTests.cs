using Vla.Sim.Data;

namespace Vla.Sim.Tests;

/// <summary>The demonstration cache: a file is reused only when the same request wrote it in the current format.</summary>
public class DemoManifestTests
{
    [Fact]
    public void Files_of_the_same_request_are_reused_and_an_older_format_is_generated_again()
    {
        var dir = Directory.CreateTempSubdirectory("vla-manifest-").FullName;
        var hdf5 = Path.Combine(dir, "task_demo.hdf5");
        File.WriteAllBytes(hdf5, [1, 2, 3]);
        var request = new DemoRequest("object", 2, dir, Seed: 3, ImageSize: 32);
        DemoManifest.Write(hdf5, request, new DemoManifest.Entry(2, 3, 100));

        DemoManifest.TryReuse(hdf5, request).Should().Be(new DemoManifest.Entry(2, 3, 100));
        DemoManifest.TryReuse(hdf5, request with { Seed = 4 }).Should().BeNull();
        DemoManifest.TryReuse(hdf5, request with { RetryFraction = 0.25 }).Should().BeNull();
        DemoManifest.TryReuse(hdf5, request with { TippedFraction = 0.2 }).Should().BeNull("tipped-start episodes change the data");
        DemoManifest.TryReuse(hdf5, request with { PerturbedFraction = 0.5 }).Should().BeNull("perturbed episodes change the data");

        var manifest = Path.ChangeExtension(hdf5, ".json");
        var current = File.ReadAllText(manifest);
        File.WriteAllText(manifest, current.Replace($",\"Format\":{DemoManifest.CurrentFormat}", ",\"Format\":2"));
        DemoManifest.TryReuse(hdf5, request).Should().BeNull("format 2 files lack obs/goal_pixels, which the default recipe's pointing loss reads");

        // A manifest written before obs/goal_offsets existed has no format field: its file lacks the key.
        File.WriteAllText(manifest, current.Replace($",\"Format\":{DemoManifest.CurrentFormat}", ""));
        File.ReadAllText(manifest).Should().NotContain("Format");
        DemoManifest.TryReuse(hdf5, request).Should().BeNull("files without goal offsets are generated again");
    }
}
