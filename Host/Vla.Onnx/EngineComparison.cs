using Vla.Abstractions;
using Vla.Core.Inference;

namespace Vla.Onnx;

/// <summary>How far two engines' raw actions are apart on the same observations (batches of a few, so the dynamic
/// batch dimension is exercised).</summary>
public static class EngineComparison
{
    public static double MaxAbsDiff(IChunkPredictor a, IChunkPredictor b, IReadOnlyList<Observation> observations, int batch = 4)
    {
        var max = 0.0;
        foreach (var chunk in observations.Chunk(batch))
        {
            var (x, y) = (a.Predict(chunk), b.Predict(chunk));
            for (var i = 0; i < chunk.Length; i++)
                for (var j = 0; j < x[i].Values.Length; j++)
                    max = Math.Max(max, Math.Abs((double)x[i].Values[j] - y[i].Values[j]));
        }
        return max;
    }
}
