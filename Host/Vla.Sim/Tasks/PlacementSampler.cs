using Vla.Sim.Scene;

namespace Vla.Sim.Tasks;

/// <summary>
/// Seeded rejection sampler of non-overlapping table-top poses. Gaps leave room for the open fingers
/// (they reach ~6 cm either side of the grip point along x).
/// </summary>
internal sealed class PlacementSampler
{
    internal const double XMin = -0.24, XMax = 0.24, YMin = -0.15, YMax = 0.2;
    private const double Gap = 0.04;
    private const int MaxAttempts = 100_000;
    private readonly Random _rng;
    private readonly Dictionary<string, Pose2> _poses = new();
    private readonly List<(double X, double Y, double R)> _discs = new();

    internal PlacementSampler(Random rng) => _rng = rng;

    internal Random Rng => _rng;

    internal double Uniform(double lo, double hi) => lo + (hi - lo) * _rng.NextDouble();

    /// <summary>True when a disc of radius r at (x, y) is on the table and clear of everything placed so far.</summary>
    internal bool Fits(double x, double y, double r) =>
        x >= XMin && x <= XMax && y >= YMin && y <= YMax
        && _discs.All(d => Math.Sqrt((d.X - x) * (d.X - x) + (d.Y - y) * (d.Y - y)) >= d.R + r + Gap);

    internal void Put(string name, double x, double y, double r, double yaw = 0)
    {
        _poses[name] = new Pose2(x, y, yaw);
        _discs.Add((x, y, r));
    }

    /// <summary>Places <paramref name="name"/> uniformly at random; false if no free spot was found.</summary>
    internal bool TryPlaceUniform(string name, double r, double yawRange = 0)
    {
        for (int i = 0; i < 200; i++)
        {
            double x = Uniform(XMin + r / 2, XMax - r / 2), y = Uniform(YMin + r / 2, YMax - r / 2);
            if (!Fits(x, y, r)) continue;
            Put(name, x, y, r, Uniform(-yawRange, yawRange));
            return true;
        }
        return false;
    }

    internal Vec3 SampleHandStart() => new(Uniform(-0.05, 0.05), Uniform(-0.1, -0.03), Uniform(0.17, 0.22));

    internal Placement Result() => new(new Dictionary<string, Pose2>(_poses), SampleHandStart());

    /// <summary>A fixed arrangement with small per-episode variation: each item at its nominal (x, y) +-1 cm, objects
    /// with a random yaw in their palette range (goal-suite style scenes).</summary>
    internal static Placement AroundNominal(Random rng, SceneSpec scene, IReadOnlyDictionary<string, (double X, double Y)> nominal)
    {
        var s = new PlacementSampler(rng);
        foreach (var (name, (x, y)) in nominal)
        {
            var obj = scene.Objects.FirstOrDefault(o => o.Name == name);
            double yaw = obj is null ? 0 : s.Uniform(-Palette.YawRange(obj), Palette.YawRange(obj));
            s.Put(name, x + s.Uniform(-0.01, 0.01), y + s.Uniform(-0.01, 0.01), 0, yaw);
        }
        return s.Result();
    }

    /// <summary>
    /// Runs <paramref name="layout"/> with fresh samplers until it succeeds. Most layouts need a few attempts, but the
    /// spatial suite's front/behind tasks, whose cubes and bowl take a column through the table, succeed in well under 1%
    /// of attempts: 1,000 were too few for some seeds (seed 1's demonstrations stopped on one). A seed that succeeded
    /// within the old limit draws the same layout as before.
    /// </summary>
    internal static Placement Sample(Random rng, Func<PlacementSampler, bool> layout)
    {
        for (int attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var sampler = new PlacementSampler(rng);
            if (layout(sampler)) return sampler.Result();
        }
        throw new InvalidOperationException($"could not sample a non-overlapping layout in {MaxAttempts} attempts");
    }
}
