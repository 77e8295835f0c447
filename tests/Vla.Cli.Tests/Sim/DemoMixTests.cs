using Vla.Cli.Sim;

namespace Vla.Cli.Tests.Sim;

public class DemoMixTests
{
    [Fact]
    public void The_cache_folder_names_every_recovery_share_of_the_demonstrations()
    {
        SuiteDemos.CacheName(50, 0).Should().Be("x50-seed0");
        SuiteDemos.CacheName(50, 0, new DemoMix(0.25)).Should().Be("x50-seed0-retry25");
        SuiteDemos.CacheName(50, 3, new DemoMix(0.25, 0.2)).Should().Be("x50-seed3-retry25-tipped20");
        SuiteDemos.CacheName(50, 0, new DemoMix(0, 0.1)).Should().Be("x50-seed0-tipped10");
        SuiteDemos.CacheName(50, 0, new DemoMix(0.25, 0, 0.5)).Should().Be("x50-seed0-retry25-perturbed50");
    }

    [Theory]
    [InlineData("--tipped-fraction", "2")]
    [InlineData("--perturbed-fraction", "-0.5")]
    public void A_fraction_outside_0_to_1_is_a_clear_error(string option, string value)
    {
        var bad = Commands.Cli.Run("demos", "--suite", "long", option, value, "--out", Path.Combine(Path.GetTempPath(), "vla-never-written"));
        bad.ExitCode.Should().NotBe(0);
        bad.Error.Should().Contain($"{option} {value}").And.Contain("0..1").And.NotContain("   at ");
    }
}
