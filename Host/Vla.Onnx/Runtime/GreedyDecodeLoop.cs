using Microsoft.ML.OnnxRuntime;

namespace Vla.Onnx.Runtime;

/// <summary>
/// Greedy decoding over the exported prefill and decode-step graphs: argmax (first maximum, as TorchSharp's argmax)
/// of each position's logits is fed back with the growing KV cache; finish.onnx maps the tokens to raw actions.
/// </summary>
internal static class GreedyDecodeLoop
{
    public static float[] Run(OrtGraph prefill, OrtGraph step, OrtGraph finish, Feeds inputs, int batch)
    {
        var slots = finish.InputDims("tokens")[1];
        var names = prefill.OutputNames;                          // logits, present_key_0, present_value_0, ...
        var tokens = new long[batch * slots];
        var outputs = prefill.Run(inputs.Values, names);
        try
        {
            for (var i = 0; i < slots; i++)
            {
                var next = ArgMax(outputs[0], batch);
                for (var b = 0; b < batch; b++) tokens[b * slots + i] = next[b];
                if (i + 1 == slots) break;
                using var feeds = new Feeds().Add("token", next, batch, 1);
                for (var j = 1; j < names.Count; j++) feeds.Borrow(names[j].Replace("present_", "past_"), outputs[j]);
                var following = step.Run(feeds.Values, step.OutputNames);
                outputs.Dispose();
                outputs = following;
            }
        }
        finally
        {
            outputs.Dispose();
        }
        using var last = new Feeds().Add("tokens", tokens, batch, slots);
        return OrtPolicy.Single(finish, last, "actions");
    }

    /// <summary>logits (B, 1, V) -> the first index of each row's maximum.</summary>
    private static long[] ArgMax(OrtValue logits, int batch)
    {
        var values = logits.GetTensorDataAsSpan<float>();
        var v = values.Length / batch;
        var result = new long[batch];
        for (var b = 0; b < batch; b++)
        {
            var row = values.Slice(b * v, v);
            var best = 0;
            for (var j = 1; j < v; j++) if (row[j] > row[best]) best = j;
            result[b] = best;
        }
        return result;
    }
}
