using System.Diagnostics;
using Vla.Abstractions;
using Vla.Core.Data;
using Vla.Core.Inference;
using Vla.Core.Plugins;
using Vla.Core.Training;

namespace Vla.Core.Tests;

public class OutOfTreePluginTests
{
    [Fact]
    public void The_sample_head_builds_installs_and_trains_with_no_change_to_the_host()
    {
        var plugins = Directory.CreateTempSubdirectory("vla-user-plugins-").FullName;
        var target = Path.Combine(plugins, "HuberHead");
        var project = Path.Combine(TinyRecipes.RepoRoot, "samples", "HuberHead", "HuberHead.csproj");
        var build = Process.Start(new ProcessStartInfo("dotnet", $"build \"{project}\" -o \"{target}\" --nologo -v quiet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var log = build.StandardOutput.ReadToEnd() + build.StandardError.ReadToEnd();
        build.WaitForExit();
        build.ExitCode.Should().Be(0, log);
        File.Exists(Path.Combine(target, "TorchSharp.dll")).Should().BeFalse("TorchSharp must stay compile-only");

        using var catalog = PartCatalog.Load([PluginFolders.BuiltIn, plugins]);
        catalog.Errors.Should().BeEmpty();
        catalog.Names(PartKind.Head).Should().Contain("huber");
        var recipe = TinyRecipes.Oft(steps: 150) with { Head = "huber" };
        var run = Path.Combine(Directory.CreateTempSubdirectory("vla-run-").FullName, "huber");
        var result = Trainer.Train(recipe, SyntheticTask.Generate(40, 32, seed: 3), catalog, new TrainOptions(run));
        result.FinalValidationLoss.Should().BeLessThan(result.FirstValidationLoss!.Value / 2);
        using var policy = VlaPolicy.Load(run, catalog);
        policy.Predict(new SyntheticWorld(1).Observe(32)).Values.Should().OnlyContain(v => float.IsFinite(v));
    }
}
