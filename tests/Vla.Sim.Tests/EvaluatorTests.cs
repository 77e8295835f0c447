namespace Vla.Sim.Tests;

public sealed class EvaluatorTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"vla_eval_{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    private sealed class FixedPolicy(Func<float[][]> chunk) : IChunkPolicy
    {
        public int Calls;
        public float[][] PredictChunk(SimObservation observation)
        {
            Calls++;
            observation.Images.Keys.Should().BeEquivalentTo(SimConventions.Cameras);
            observation.Instruction.Should().NotBeNullOrEmpty();
            return chunk();
        }
    }

    private static EvaluationRequest OneTask(int trials = 1, string? dir = null) =>
        new("goal", trials, Seed: 3, ImageSize: 32, OutputDir: dir, Tasks: ["put_red_cube_plate"]);

    [Fact]
    public void Nan_action_stops_the_episode_as_failed()
    {
        var policy = new FixedPolicy(() => [[0, 0, float.NaN, 0, 0, 0, 0]]);
        var result = Evaluator.Run(policy, OneTask());
        result.SuccessRate.Should().Be(0);
        var e = result.Episodes.Should().ContainSingle().Which;
        e.Success.Should().BeFalse();
        e.Steps.Should().Be(0);
        e.StopReason.Should().Contain("non-finite").And.Contain("index 2");
        e.Outcome.Should().Be(EpisodeOutcome.Stopped);
        policy.Calls.Should().Be(1);
    }

    [Fact]
    public void Out_of_range_and_wrong_shape_are_stopped_with_reasons()
    {
        var big = Evaluator.Run(new FixedPolicy(() => [[0, 0, 0, 0, 0, 0, 0], [0, 50, 0, 0, 0, 0, 0]]), OneTask());
        big.Episodes[0].StopReason.Should().Contain("out of range");
        var shape = Evaluator.Run(new FixedPolicy(() => [[0, 0, 0]]), OneTask());
        shape.Episodes[0].StopReason.Should().Contain("expected 7");
        var empty = Evaluator.Run(new FixedPolicy(() => []), OneTask());
        empty.Episodes[0].StopReason.Should().Contain("empty");
    }

    [Fact]
    public void Idle_policy_runs_to_the_step_limit_and_writes_table_and_gif()
    {
        var policy = new FixedPolicy(() => Enumerable.Range(0, 8).Select(_ => new float[7]).ToArray());
        var result = Evaluator.Run(policy, OneTask(trials: 2, dir: _dir) with { Workers = 2 });
        result.Episodes.Should().HaveCount(2).And.OnlyContain(e => !e.Success && e.Steps == 220);
        result.Episodes.Select(e => e.Seed).Distinct().Should().HaveCount(2);
        result.PerTask["put_red_cube_plate"].Should().Be(0);
        result.Files.Should().Contain(f => f.EndsWith(".md")).And.Contain(f => f.EndsWith(".gif"));
        result.Episodes.Should().OnlyContain(e => e.Outcome == EpisodeOutcome.NoGrasp && e.StopReason == "step limit reached");
        File.ReadAllText(result.Files.First(f => f.EndsWith(".md"))).Should()
            .Contain("| task | instruction | success | rate | wrong object | missed grasp | closed in air | wrong place | not placed | no grasp | stopped |")
            .And.Contain("| put_red_cube_plate | put the red cube on the plate | 0/2 | 0.0% | 0 | 0 | 0 | 0 | 0 | 2 | 0 |");
        policy.Calls.Should().Be(2 * (int)Math.Ceiling(220 / 8.0)); // the last chunk is cut at the step limit
    }

    // Counts its episodes: each one gets a fresh view, as a temporal ensemble needs.
    private sealed class PerEpisodePolicy : IChunkPolicy
    {
        public int Episodes;
        public float[][] PredictChunk(SimObservation observation) => throw new InvalidOperationException("only episode views predict");

        public IChunkPolicy ForEpisode()
        {
            Interlocked.Increment(ref Episodes);
            return new FixedPolicy(() => Enumerable.Range(0, 8).Select(_ => new float[7]).ToArray());
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Every_episode_runs_with_the_policys_own_view_for_that_episode(int workers)
    {
        var policy = new PerEpisodePolicy();
        var result = Evaluator.Run(policy, OneTask(trials: 3) with { Workers = workers });
        result.Episodes.Should().HaveCount(3).And.OnlyContain(e => e.Outcome != EpisodeOutcome.Stopped);
        policy.Episodes.Should().Be(3);
    }

    [Fact]
    public void Benchmark_reports_positive_throughput()
    {
        var r = SimBenchmark.MeasureStepsPerSecond("goal", steps: 30, imageSize: 32);
        r.StepsPerSecond.Should().BeGreaterThan(0);
        r.GlBackend.Should().BeOneOf("egl", "osmesa");
    }
}
