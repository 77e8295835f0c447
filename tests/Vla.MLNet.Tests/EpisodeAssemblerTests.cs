using Vla.Abstractions;
using Vla.Core.Data;

namespace Vla.MLNet.Tests;

/// <summary>Rows become episodes whose training targets are exactly the rows' labels.</summary>
public sealed class EpisodeAssemblerTests
{
    private static readonly Recipe Recipe = TestData.TinyRecipe();
    private static readonly List<Episode> Episodes = SyntheticTask.Generate(3, 8, seed: 11);

    private static List<TrainingRow> Rows(bool withIds)
    {
        var rows = new List<TrainingRow>();
        for (var e = 0; e < Episodes.Count; e++)
        for (var t = 0; t < Episodes[e].Length; t++)
        {
            var images = Episodes[e].Frames.Select(f => new CameraImage(f.Key, 8, 8, f.Value[t])).ToList();
            rows.Add(new TrainingRow(rows.Count, new Observation(images, Episodes[e].Instruction, Episodes[e].Proprio[t]),
                TestData.ChunkAt(Episodes[e], t), withIds ? $"ep{e}" : null));
        }
        return rows;
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Ordered_rows_rebuild_the_original_episodes(bool withIds)
    {
        var episodes = EpisodeAssembler.Assemble(Rows(withIds), Recipe, "Label", "Instruction", withIds ? "Episode" : null);
        episodes.Should().HaveCount(Episodes.Count);
        for (var e = 0; e < Episodes.Count; e++)
        {
            episodes[e].Instruction.Should().Be(Episodes[e].Instruction);
            episodes[e].Actions.Should().BeEquivalentTo(Episodes[e].Actions, o => o.WithStrictOrdering());
            episodes[e].Frames["agentview"].Should().BeEquivalentTo(Episodes[e].Frames["agentview"], o => o.WithStrictOrdering());
            episodes[e].Validate();
        }
    }

    [Fact]
    public void Interleaved_episodes_are_grouped_by_id()
    {
        var rows = Rows(withIds: true).OrderBy(r => r.Row % Episodes[0].Length).ThenBy(r => r.Row).ToList();
        var episodes = EpisodeAssembler.Assemble(rows, Recipe, "Label", "Instruction", "Episode");
        episodes.Select(e => e.Actions.Length).Should().Equal(Episodes.Select(e => e.Length));
        episodes[1].Actions.Should().BeEquivalentTo(Episodes[1].Actions, o => o.WithStrictOrdering());
    }

    [Fact]
    public void Each_row_trains_on_its_own_label_even_when_steps_are_out_of_order()
    {
        var rows = Rows(withIds: true);
        rows.Reverse(0, Episodes[0].Length);     // episode 0 backwards: its chunks no longer continue each other
        var episodes = EpisodeAssembler.Assemble(rows, Recipe, "Label", "Instruction", "Episode");
        episodes[0].Chunks.Should().BeEquivalentTo(rows.Take(Episodes[0].Length).Select(r => r.Label), o => o.WithStrictOrdering());
        episodes[0].Validate();
    }

    [Fact]
    public void Shuffled_rows_without_ids_become_one_step_episodes_with_their_labels()
    {
        var rows = Rows(withIds: false).OrderBy(r => new Random((int)r.Row).Next()).ToList();
        var episodes = EpisodeAssembler.Assemble(rows, Recipe, "Label", "Instruction", null);
        episodes.Sum(e => e.Length).Should().Be(rows.Count);
        episodes.SelectMany(e => e.Chunks!).Should().BeEquivalentTo(rows.Select(r => r.Label), o => o.WithStrictOrdering());
        foreach (var e in episodes) e.Validate();
    }
}
