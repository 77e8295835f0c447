using System.Runtime.ExceptionServices;
using TorchSharp.Modules;
using Vla.Abstractions;
using Vla.Core.Model;
using static TorchSharp.torch;

namespace Vla.Core.Training;

/// <summary>
/// Data parallelism over the cores of one machine: a batch is cut into row ranges (shards), each shard's loss and
/// gradients are computed on its own thread with single-threaded torch ops, and the gradients are added in shard order
/// into the parameters' .grad. Versus one batch on N intra-op threads, no OpenMP team spin-waits at every small op
/// (measured here under load: see the CLI's ThreadsOption; `vla bench` times both).
/// The caller sets torch to one compute thread. Gradients equal the whole batch's up to float rounding; a run repeats
/// bit for bit for a given shard count (shards are fixed row ranges, each with its own seeded generator).
/// </summary>
internal static class ShardedBackward
{
    /// <summary>Accumulates d(loss)/d(parameters) of the batch, scaled by <paramref name="scale"/>, into .grad; returns
    /// the batch's mean loss (shard losses weighted by their rows).</summary>
    /// <param name="generator">the generator of shard s (the head's noise), or null for heads that draw none</param>
    public static double Run(VlaPolicyModel model, IReadOnlyList<Parameter> parameters, ObservationBatch batch, Tensor target,
        int shards, double scale, Func<int, Generator?> generator)
    {
        var rows = (int)batch.Size;
        shards = Math.Clamp(shards, 1, rows);
        var inputs = parameters.Cast<Tensor>().ToList();
        var grads = new Tensor?[shards][];
        var losses = new double[shards];
        var failures = new ExceptionDispatchInfo?[shards];
        void Shard(int s)
        {
            try
            {
                var (start, length) = Range(rows, shards, s);
                using var scope = NewDisposeScope();
                using var g = generator(s);
                var loss = model.Loss(Slice(batch, start, length), target.narrow(0, start, length), g);
                losses[s] = loss.item<float>() * length / (double)rows;
                var weighted = loss * (scale * length / rows);
                grads[s] = autograd.grad([weighted], inputs, allow_unused: true)
                    .Select(t => t is null || t.IsInvalid ? null : t.MoveToOuterDisposeScope()).ToArray();
            }
            catch (Exception e)
            {
                failures[s] = ExceptionDispatchInfo.Capture(e);
            }
        }
        var threads = Enumerable.Range(1, shards - 1).Select(s => new Thread(() => Shard(s)) { Name = $"vla-shard-{s}" }).ToList();
        threads.ForEach(t => t.Start());
        Shard(0);
        threads.ForEach(t => t.Join());
        try
        {
            foreach (var f in failures) f?.Throw();
            using var _ = no_grad();
            for (var i = 0; i < inputs.Count; i++)
            {
                Tensor? sum = null;
                for (var s = 0; s < shards; s++)
                    if (grads[s][i] is { } g) sum = sum is null ? g.clone() : sum.add_(g);
                if (sum is null) continue;
                if (inputs[i].grad is { } existing) { existing.add_(sum); sum.Dispose(); }
                else inputs[i].grad = sum;
            }
        }
        finally
        {
            foreach (var shard in grads)
                foreach (var g in shard ?? []) g?.Dispose();
        }
        return losses.Sum();
    }

    /// <summary>Rows [start, start + length) of shard s: sizes differ by at most one, larger shards first.</summary>
    public static (int Start, int Length) Range(int rows, int shards, int s)
    {
        var (size, extra) = (rows / shards, rows % shards);
        return (s * size + Math.Min(s, extra), size + (s < extra ? 1 : 0));
    }

    private static ObservationBatch Slice(ObservationBatch b, int start, int length) => new(
        b.Images.Select(i => i.narrow(0, start, length)).ToList(), b.Tokens.narrow(0, start, length),
        b.TokenMask.narrow(0, start, length), b.Proprio?.narrow(0, start, length));
}
