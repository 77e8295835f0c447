using System.Text.Json.Nodes;
using Vla.Core.Data;
using static Vla.Data.Tests.H5pyWriter;

namespace Vla.Data.Tests;

public sealed class DatasetStatisticsCacheTests : TempFolder
{
    private static readonly LiberoReadOptions Options = new(ImageSize: 8);

    [Fact]
    public void Statistics_are_stored_beside_the_data_and_equal_a_fresh_computation()
    {
        Write(new Spec(PathOf("a_demo.hdf5")));
        var episodes = LiberoHdf5Reader.Read(Dir, Options);

        var stats = DatasetStatisticsCache.GetOrCompute(Dir, Options, episodes);

        File.Exists(PathOf(DatasetStatisticsCache.FileName)).Should().BeTrue();
        stats.ToJson().Should().Be(StatisticsCalculator.Compute(episodes).ToJson());
        DatasetStatisticsCache.TryLoad(Dir, Options)!.ToJson().Should().Be(stats.ToJson());
        Directory.GetFiles(Dir, "*.tmp").Should().BeEmpty("the cache is written atomically");
    }

    [Fact]
    public void The_stored_statistics_are_reused_until_a_file_changes()
    {
        var file = Write(new Spec(PathOf("a_demo.hdf5")));
        var episodes = LiberoHdf5Reader.Read(Dir, Options);
        DatasetStatisticsCache.GetOrCompute(Dir, Options, episodes);
        MarkStored(42f);   // only a reused cache can return 42

        DatasetStatisticsCache.GetOrCompute(Dir, Options, episodes).Action.Max[0].Should().Be(42f);

        File.SetLastWriteTimeUtc(file, File.GetLastWriteTimeUtc(file).AddSeconds(5));
        var recomputed = DatasetStatisticsCache.GetOrCompute(Dir, Options, episodes);
        recomputed.Action.Max[0].Should().Be(Expected.Action(1, 4, 0));
        DatasetStatisticsCache.GetOrCompute(Dir, Options, episodes).Action.Max[0].Should().Be(Expected.Action(1, 4, 0));
    }

    [Fact]
    public void Adding_a_file_or_changing_the_proprio_keys_invalidates_the_cache()
    {
        Write(new Spec(PathOf("a_demo.hdf5")));
        DatasetStatisticsCache.GetOrCompute(Dir, Options, LiberoHdf5Reader.Read(Dir, Options));
        var otherKeys = Options with { ProprioKeys = ["gripper_states"] };

        DatasetStatisticsCache.TryLoad(Dir, otherKeys).Should().BeNull();
        Write(new Spec(PathOf("b_demo.hdf5"), Demos: [7]));
        DatasetStatisticsCache.TryLoad(Dir, Options).Should().BeNull();
        var stats = DatasetStatisticsCache.GetOrCompute(Dir, Options, LiberoHdf5Reader.Read(Dir, Options));
        stats.Episodes.Should().Be(3);
    }

    [Fact]
    public void A_damaged_cache_is_recomputed()
    {
        Write(new Spec(PathOf("a_demo.hdf5")));
        var episodes = LiberoHdf5Reader.Read(Dir, Options);
        File.WriteAllText(PathOf(DatasetStatisticsCache.FileName), "{ not json");

        DatasetStatisticsCache.GetOrCompute(Dir, Options, episodes).Episodes.Should().Be(2);
        DatasetStatisticsCache.TryLoad(Dir, Options).Should().NotBeNull();
    }

    [Fact]
    public void A_single_file_gets_its_own_cache_file()
    {
        var file = Write(new Spec(PathOf("a_demo.hdf5")));

        DatasetStatisticsCache.GetOrCompute(file, Options, LiberoHdf5Reader.Read(file, Options));

        File.Exists(file + "." + DatasetStatisticsCache.FileName).Should().BeTrue();
        File.Exists(PathOf(DatasetStatisticsCache.FileName)).Should().BeFalse();
    }

    private void MarkStored(float value)
    {
        var path = PathOf(DatasetStatisticsCache.FileName);
        var root = JsonNode.Parse(File.ReadAllText(path))!;
        root["statistics"]!["action"]!["max"]![0] = value;
        File.WriteAllText(path, root.ToJsonString());
    }
}
