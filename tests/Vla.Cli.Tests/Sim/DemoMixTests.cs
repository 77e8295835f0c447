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
    }

    [Fact]
    public void A_tipped_fraction_outside_0_to_1_is_a_clear_error()
    {
        var bad = Commands.Cli.Run("demos", "--suite", "long", "--tipped-fraction", "2", "--out", Path.Combine(Path.GetTempPath(), "vla-never-written"));
        bad.ExitCode.Should().NotBe(0);
        bad.Error.Should().Contain("--tipped-fraction 2").And.Contain("0..1").And.NotContain("   at ");
    }
}
