using Vla.Sim;

namespace Vla.Cli.Sim;

/// <summary>
/// ACT's temporal ensemble (Zhao et al. 2023): query every <c>stride</c> steps and execute, for each step, the weighted
/// average of every chunk predicted so far that covers it, weights exp(-decay * i) with i = 0 for the oldest. Re-planning
/// often without it lets one new chunk re-open a closing gripper (session 18: 21 of 22 lost grasps at 4 actions per
/// query); averaging with older chunks damps such flips. One instance per episode: it remembers the episode's chunks.
/// </summary>
internal sealed class TemporalEnsemble : IChunkPolicy
{
    private readonly Func<SimObservation, float[][]> _chunk;
    private readonly int _stride;
    private readonly double _decay;
    private readonly Action<float[]> _finish;
    private readonly List<(int Start, float[][] Rows)> _chunks = [];
    private int _step;

    /// <param name="chunk">the policy's whole raw chunk for an observation</param>
    /// <param name="finish">applied to each averaged action (e.g. binarising the gripper)</param>
    public TemporalEnsemble(Func<SimObservation, float[][]> chunk, int stride, double decay, Action<float[]> finish)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(stride, 1);
        _chunk = chunk;
        _stride = stride;
        _decay = decay;
        _finish = finish;
    }

    public float[][] PredictChunk(SimObservation observation)
    {
        var rows = _chunk(observation);
        _chunks.RemoveAll(c => c.Start + c.Rows.Length <= _step);
        _chunks.Add((_step, rows));
        var actions = new float[Math.Min(_stride, rows.Length)][];
        for (int i = 0; i < actions.Length; i++)
        {
            actions[i] = Average(_step + i);
            _finish(actions[i]);
        }
        _step += actions.Length;
        return actions;
    }

    /// <summary>The ensembled action for episode step <paramref name="step"/> (the newest chunk always covers it).</summary>
    internal float[] Average(int step)
    {
        var covering = _chunks.Where(c => step >= c.Start && step - c.Start < c.Rows.Length).ToList(); // oldest first
        var sum = new double[covering[^1].Rows[0].Length];
        double total = 0;
        for (int i = 0; i < covering.Count; i++)
        {
            double w = Math.Exp(-_decay * i);
            var row = covering[i].Rows[step - covering[i].Start];
            for (int d = 0; d < sum.Length; d++) sum[d] += w * row[d];
            total += w;
        }
        return sum.Select(v => (float)(v / total)).ToArray();
    }
}
