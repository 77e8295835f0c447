using Vla.Abstractions;
using Vla.Abstractions.Export;
using Vla.Core.Model;
using Vla.Onnx.Graphs;
using Vla.Plugins.Heads.Diffusion;
using DataType = Onnx.TensorProto.Types.DataType;

namespace Vla.Onnx;

/// <summary>
/// Chooses the graphs from the parts' export contracts and builds them: one pass (parallel decoder, one-pass head),
/// prefix + denoiser step + finish (parallel decoder, denoising head), prefill + decode step + finish (cached decoder).
/// </summary>
internal sealed class PolicyGraphs
{
    private readonly VlaPolicyModel _model;
    private readonly Recipe _recipe;
    private readonly BackboneGraph _backbone;
    private readonly PrefixGraph _prefix;
    private readonly NormalizationGraph _actions;

    public PolicyGraphs(VlaPolicyModel model, DatasetStatistics stats)
    {
        _model = model;
        _recipe = model.Recipe;
        var weights = new ModelWeights(model.state_dict());
        var conditioningModule = model.named_children().First(c => c.name == "conditioning").module;
        var conditioning = conditioningModule as IExportableConditioning ?? throw NotExportable("conditioning", _recipe.Conditioning, nameof(IExportableConditioning));
        Head = model.Head as IExportableHead ?? throw NotExportable("head", _recipe.Head, nameof(IExportableHead));
        _backbone = new BackboneGraph(weights, _recipe.Backbone);
        var n = _recipe.Normalization;
        var proprio = _recipe.ProprioDim > 0
            ? new NormalizationGraph(stats.Proprio ?? throw new VlaException("the run's statistics have no proprio entry",
                "recompute them for a dataset with proprio (vla stats)"), n.Mode)
            : null;
        _actions = new NormalizationGraph(stats.Action, n.Mode, n.UnnormalizedActionDims);
        _prefix = new PrefixGraph(_recipe, weights, new VisionGraph(weights, _recipe.Vision, conditioning), proprio);
        Loop = model.Decoder switch
        {
            ICachedDecodeExport => ExportLoop.CachedDecode,
            ISlotPassExport when Head.ExportKind == HeadExportKind.Denoising => ExportLoop.Denoising,
            ISlotPassExport => ExportLoop.OnePass,
            _ => throw NotExportable("decoder", _recipe.Decoder, $"{nameof(ISlotPassExport)} or {nameof(ICachedDecodeExport)}"),
        };
    }

    public IExportableHead Head { get; }

    public ExportLoop Loop { get; }

    private (int K, int D) Chunk => (_recipe.Chunk, _recipe.ActionDim);

    public IEnumerable<(string File, OnnxGraphBuilder Graph)> Build() => Loop switch
    {
        ExportLoop.OnePass => [(ExportFolder.PolicyFile, OnePass())],
        ExportLoop.Denoising => [(ExportFolder.PolicyFile, PrefixOnly()), (ExportFolder.DenoiseFile, DenoiseStep()), (ExportFolder.FinishFile, Finish(false))],
        _ => [(ExportFolder.PolicyFile, Prefill()), (ExportFolder.DecodeFile, DecodeStep()), (ExportFolder.FinishFile, Finish(true))],
    };

    /// <summary>
    /// The whole policy as one graph at batch 1, for hosts that run one graph per row (ML.NET's OnnxTransformer): the
    /// one-pass graph as it is; a denoising head's DDIM loop unrolled over its inference steps from the head's fixed
    /// x_T (the same draw <see cref="Runtime.DenoisingLoop"/> and TorchSharp make at batch 1); a cached decoder's greedy
    /// loop unrolled over its slots (ArgMax fed back with the growing KV cache). The copies share one set of weights.
    /// </summary>
    public OnnxGraphBuilder SingleGraph() => Loop switch
    {
        ExportLoop.OnePass => OnePass(),
        ExportLoop.Denoising => UnrolledDenoising(),
        _ => UnrolledDecode(),
    };

    private OnnxGraphBuilder UnrolledDenoising()
    {
        var g = new OnnxGraphBuilder("policy");
        var prefix = _prefix.Emit(g);
        var sampling = DiffusionSampling.From(Head.ExportMetadata);
        var (schedule, timesteps) = (sampling.Schedule, sampling.Timesteps);
        using var noise = sampling.InitialNoise([1, Chunk.K, Chunk.D]);
        var x = g.Initializer(noise, "x_T");
        for (var i = 0; i < timesteps.Length; i++)
        {
            var (slots, extra) = Head.EmitStepInputs(g, x, g.Longs(timesteps[i]));
            var predicted = Head.EmitReadout(g, SlotPass.EmitSlotPass(g, _backbone, prefix, _model.Head, slots, extra));
            x = DdimStep(g, schedule, x, predicted, timesteps[i], i + 1 < timesteps.Length ? timesteps[i + 1] : -1);
        }
        g.Output("actions", _actions.Unnormalize(g, Head.EmitFinish(g, x)), DataType.Float, -1, Chunk.K, Chunk.D);
        return g;
    }

    /// <summary><see cref="DdimSchedule.Step"/> as graph ops, in its order: x0 = clip((x - sqrt(1-ab) e) / sqrt(ab)),
    /// x_prev = sqrt(ab_prev) x0 + sqrt(1-ab_prev) e.</summary>
    private static string DdimStep(OnnxGraphBuilder g, DdimSchedule schedule, string x, string noise, int t, int previousT)
    {
        var ab = schedule.AlphasCumprod[t];
        var abPrev = previousT >= 0 ? schedule.AlphasCumprod[previousT] : 1.0;
        var x0 = g.Clip(g.Op("Div", g.Op("Sub", x, g.Mul(noise, g.Scalar((float)Math.Sqrt(1 - ab)))), g.Scalar((float)Math.Sqrt(ab))), -1f, 1f);
        return g.Add(g.Mul(x0, g.Scalar((float)Math.Sqrt(abPrev))), g.Mul(noise, g.Scalar((float)Math.Sqrt(1 - abPrev))));
    }

    private OnnxGraphBuilder UnrolledDecode()
    {
        var g = new OnnxGraphBuilder("policy");
        var output = Cached.EmitPrefill(g, _backbone, _prefix.Emit(g), _prefix.Length, _model.Head);
        var tokens = new List<string>();
        for (var i = 0; i < _model.Head.SlotCount; i++)
        {
            // First index of the maximum, as TorchSharp's argmax and GreedyDecodeLoop: (B, 1, V) -> (B, 1).
            var token = g.Op("ArgMax", new Dictionary<string, object> { ["axis"] = -1L, ["keepdims"] = 0L, ["select_last_index"] = 0L },
                TokenHead.EmitLogits(g, output.Hidden));
            tokens.Add(token);
            if (i + 1 < _model.Head.SlotCount) output = Cached.EmitStep(g, _backbone, token, _model.Head, output.Present);
        }
        var normalised = TokenHead.EmitDetokenize(g, g.Concat(1, tokens.ToArray()));
        g.Output("actions", _actions.Unnormalize(g, normalised), DataType.Float, -1, Chunk.K, Chunk.D);
        return g;
    }

    private OnnxGraphBuilder OnePass()
    {
        var g = new OnnxGraphBuilder("policy");
        var hidden = SlotPass.EmitSlotPass(g, _backbone, _prefix.Emit(g), _model.Head, null, null);
        g.Output("actions", _actions.Unnormalize(g, Head.EmitReadout(g, hidden)), DataType.Float, -1, Chunk.K, Chunk.D);
        return g;
    }

    private OnnxGraphBuilder PrefixOnly()
    {
        var g = new OnnxGraphBuilder("prefix");
        g.Output("prefix", _prefix.Emit(g), DataType.Float, -1, _prefix.Length, _backbone.Width);
        return g;
    }

    private OnnxGraphBuilder DenoiseStep()
    {
        var g = new OnnxGraphBuilder("denoise_step");
        var prefix = g.Input("prefix", DataType.Float, -1, _prefix.Length, _backbone.Width);
        var noisy = g.Input("noisy_actions", DataType.Float, -1, Chunk.K, Chunk.D);
        var timestep = g.Input("timestep", DataType.Int64, -1);
        var (slots, extra) = Head.EmitStepInputs(g, noisy, timestep);
        var hidden = SlotPass.EmitSlotPass(g, _backbone, prefix, _model.Head, slots, extra);
        g.Output("noise", Head.EmitReadout(g, hidden), DataType.Float, -1, Chunk.K, Chunk.D);
        return g;
    }

    private OnnxGraphBuilder Prefill()
    {
        var g = new OnnxGraphBuilder("prefill");
        var output = Cached.EmitPrefill(g, _backbone, _prefix.Emit(g), _prefix.Length, _model.Head);
        OutputLogitsAndCache(g, output, _prefix.Length + 1);
        return g;
    }

    private OnnxGraphBuilder DecodeStep()
    {
        var g = new OnnxGraphBuilder("decode_step");
        var token = g.Input("token", DataType.Int64, -1, 1);
        var past = Enumerable.Range(0, _backbone.Layers).Select(i => new LayerKv(
            g.Input($"past_key_{i}", DataType.Float, -1, _backbone.Heads, -2, _backbone.HeadDim),
            g.Input($"past_value_{i}", DataType.Float, -1, _backbone.Heads, -2, _backbone.HeadDim))).ToList();
        OutputLogitsAndCache(g, Cached.EmitStep(g, _backbone, token, _model.Head, past), -2);
        return g;
    }

    private void OutputLogitsAndCache(OnnxGraphBuilder g, BackboneGraphOutput output, long cacheLength)
    {
        var vocabulary = ((ITokenActionHead)_model.Head).VocabularySize;
        g.Output("logits", TokenHead.EmitLogits(g, output.Hidden), DataType.Float, -1, 1, vocabulary);
        for (var i = 0; i < output.Present.Count; i++)
        {
            g.Output($"present_key_{i}", output.Present[i].Keys, DataType.Float, -1, _backbone.Heads, cacheLength, _backbone.HeadDim);
            g.Output($"present_value_{i}", output.Present[i].Values, DataType.Float, -1, _backbone.Heads, cacheLength, _backbone.HeadDim);
        }
    }

    /// <summary>The loop's result -> raw actions: tokens are detokenised, a denoised chunk goes through the head's finish.</summary>
    private OnnxGraphBuilder Finish(bool tokens)
    {
        var g = new OnnxGraphBuilder("finish");
        var normalised = tokens
            ? TokenHead.EmitDetokenize(g, g.Input("tokens", DataType.Int64, -1, _model.Head.SlotCount))
            : Head.EmitFinish(g, g.Input("chunk", DataType.Float, -1, Chunk.K, Chunk.D));
        g.Output("actions", _actions.Unnormalize(g, normalised), DataType.Float, -1, Chunk.K, Chunk.D);
        return g;
    }

    private ISlotPassExport SlotPass => (ISlotPassExport)_model.Decoder;

    private ICachedDecodeExport Cached => (ICachedDecodeExport)_model.Decoder;

    private IExportableTokenHead TokenHead => _model.Head as IExportableTokenHead
        ?? throw NotExportable("head", _recipe.Head, nameof(IExportableTokenHead));

    private static VlaException NotExportable(string field, string name, string contract) =>
        new($"the {field} '{name}' cannot be exported to ONNX: its plugin does not implement {contract}",
            "implement the Vla.Abstractions.Export contract in the plugin, or use the TorchSharp engine (--engine torch)");
}
