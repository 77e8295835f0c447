using System.Text.Json;
using Vla.Core.Inference;
using Vla.Core.Plugins;

namespace Vla.Onnx.Tests;

/// <summary>The exported prefill + decode-step graphs give the same tokens as TorchSharp with and without its KV cache.</summary>
public sealed class AutoregressiveExportTests : IDisposable
{
    private readonly PartCatalog _catalog = PartCatalog.Load();

    [Theory]
    [InlineData(1, 1)]
    [InlineData(0, 1)]
    [InlineData(1, 3)]
    public void Cached_onnx_decoding_picks_torch_tokens(int torchCache, int chunk)
    {
        var recipe = TestRuns.Tiny("openvla") with
        {
            Chunk = chunk,
            DecoderOptions = new() { ["kv_cache"] = JsonSerializer.SerializeToElement(torchCache) },
        };
        var run = TestRuns.Create(recipe, _catalog, seed: 5);
        PolicyExporter.Export(run, _catalog).Loop.Should().Be("CachedDecode");
        using var torch = VlaPolicy.Load(run, _catalog);
        using var ort = OrtPolicy.Load(run);
        var observations = TestRuns.Observations(recipe, 3);
        // Tokens -> bin centres -> the same float arithmetic in both engines: identical tokens give identical actions.
        var (expected, actual) = (torch.Predict(observations), ort.Predict(observations));
        for (var i = 0; i < observations.Count; i++) actual[i].Values.Should().Equal(expected[i].Values);
    }

    public void Dispose() => _catalog.Dispose();
}
