using Onnx;
using Vla.Abstractions;
using Vla.Abstractions.Export;

namespace Vla.Onnx.Graphs;

/// <summary>
/// <c>VlaPolicyModel.Prefix</c> from raw graph inputs: per camera uint8 images (B, S, S, 3) scaled to [0, 1] and
/// centred, instruction token ids (B, T) and mask (B, T), raw proprio (B, P) normalised with the statistics.
/// Output: [camera tokens..][proprio][instruction] embeddings (B, Lp, W).
/// </summary>
internal sealed class PrefixGraph(Recipe recipe, ModelWeights w, VisionGraph vision, NormalizationGraph? proprio)
{
    public const string TokensInput = "instruction_tokens";
    public const string MaskInput = "instruction_mask";
    public const string ProprioInput = "proprio";

    public static string ImageInput(string camera) => $"image_{camera}";

    /// <summary>Positions the prefix occupies (the action slots follow).</summary>
    public long Length => recipe.Cameras.Count * recipe.Vision.TokensPerCamera(recipe.ImageSize)
                          + (recipe.ProprioDim > 0 ? 1 : 0) + recipe.MaxInstructionTokens;

    public string Emit(OnnxGraphBuilder g)
    {
        var tokens = g.Input(TokensInput, TensorProto.Types.DataType.Int64, -1, recipe.MaxInstructionTokens);
        var mask = g.Input(MaskInput, TensorProto.Types.DataType.Bool, -1, recipe.MaxInstructionTokens);
        var words = g.Op("Gather", w.Add(g, "token_embedding.weight"), tokens);                   // (B, T, W)
        var weights = g.Unsqueeze(g.Op("Cast", new Dictionary<string, object> { ["to"] = 1L }, mask), -1); // (B, T, 1)
        var axis = g.Longs(1);
        var keep0 = new Dictionary<string, object> { ["keepdims"] = 0L };
        var sum = g.Op("ReduceSum", keep0, g.Mul(words, weights), axis);                           // (B, W)
        var count = g.Op("Max", g.Op("ReduceSum", keep0, weights, axis), g.Scalar(1f));            // (B, 1) clamp_min(1)
        var instruction = g.Op("Div", sum, count);                                                 // (B, W) mean embedding
        if (recipe.Vision.OrderedInstruction) instruction = OrderedInstruction(g, words, weights, instruction);
        // All cameras through the encoder as one (C*B) batch, as VlaPolicyModel.Prefix does: fewer, larger matmuls.
        var cameras = recipe.Cameras.Count;
        var images = new string[cameras];
        for (var c = 0; c < cameras; c++)
        {
            var raw = g.Input(ImageInput(recipe.Cameras[c]), TensorProto.Types.DataType.Uint8, -1, recipe.ImageSize, recipe.ImageSize, 3);
            var scaled = g.Op("Div", g.Transpose(g.Op("Cast", new Dictionary<string, object> { ["to"] = 1L }, raw), 0, 3, 1, 2),
                g.Scalar(255f));                                                                       // (B, 3, S, S) in [0, 1]
            images[c] = g.Mul(g.Op("Sub", scaled, g.Scalar(0.5f)), g.Scalar(2f));
        }
        var all = cameras == 1 ? images[0] : g.Concat(0, images);                                   // (C*B, 3, S, S)
        var perImage = cameras == 1 ? instruction : g.Concat(0, Enumerable.Repeat(instruction, cameras).ToArray()); // (C*B, W)
        var visionTokens = vision.Emit(g, all, perImage);                                          // (C*B, N, Cv)
        var encoded = w.Linear(g, "vision_projection", visionTokens);                                // (C*B, N, W)
        var n = recipe.Vision.TokensPerCamera(recipe.ImageSize);
        var width = recipe.Backbone.Width;
        var perCamera = g.Add(g.Reshape(encoded, cameras, -1, n, width),
            g.Reshape(w.Add(g, "camera_embedding"), cameras, 1, 1, width));                         // (C, B, N, W)
        var parts = new List<string> { g.Reshape(g.Transpose(perCamera, 1, 0, 2, 3), -1, cameras * n, width) }; // (B, C*N, W)
        if (recipe.ProprioDim > 0)
        {
            var raw = g.Input(ProprioInput, TensorProto.Types.DataType.Float, -1, recipe.ProprioDim);
            var hidden = g.Gelu(w.Linear(g, "proprio_projector.fc1", proprio!.Normalize(g, raw)));
            var state = g.Unsqueeze(w.Linear(g, "proprio_projector.fc2", hidden), 1);               // (B, 1, W)
            if (recipe.Vision.Keypoints > 0) state = g.Add(state, Keypoints(g, visionTokens, n));
            if (recipe.Vision.PointingReadout) state = g.Add(state, PointingReadout(g, perCamera, instruction, n));
            parts.Add(state);
        }
        parts.Add(words);
        return g.Concat(1, parts.ToArray());
    }

    /// <summary><c>PointingHead.Scores</c> then <c>Readout</c>: two instruction queries over the agentview tokens, each map's
    /// expected grid position, projected to one token (B, 1, W).</summary>
    private string PointingReadout(OnnxGraphBuilder g, string perCamera, string instruction, int n)
    {
        var width = recipe.Backbone.Width;
        var camera = Vla.Core.Model.VlaPolicyModel.PointingCamera(recipe);
        var tokens = g.Reshape(g.Slice(perCamera, 0, camera, camera + 1), -1, n, width);             // (B, N, W)
        var query = w.Linear(g, "pointing.queries", instruction);                                    // (B, 2W)
        if (recipe.Vision.PointingState)
            query = g.Add(query, w.Linear(g, "pointing.state_queries",
                g.Op("ReduceMean", new Dictionary<string, object> { ["keepdims"] = 0L }, tokens, g.Longs(1))));   // (B, W) scene
        var queries = g.Reshape(query, -1, 2, width);                                                // (B, 2, W)
        var keys = w.Linear(g, "pointing.keys", tokens);                                             // (B, N, W)
        var scores = g.Mul(g.Op("MatMul", queries, g.Transpose(keys, 0, 2, 1)), g.Scalar((float)(1 / Math.Sqrt(width))));
        var maps = g.Op("Softmax", new Dictionary<string, object> { ["axis"] = -1L }, scores);       // (B, 2, N)
        var grid = g.Constant(Vla.Core.Model.SpatialKeypoints.GridValues(n), [n, 2], "pointing_grid");
        var xy = g.Reshape(g.Op("MatMul", maps, grid), -1, 4);                                       // (B, 4)
        return g.Unsqueeze(w.Linear(g, "pointing.projection", xy), 1);
    }

    /// <summary><c>OrderedInstruction.Forward</c>: the mean (B, W) plus the projected slots that attention-pool the
    /// position-tagged words (B, T, W); <paramref name="mask"/> is the words' mask as floats (B, T, 1).</summary>
    private string OrderedInstruction(OnnxGraphBuilder g, string words, string mask, string mean)
    {
        var width = recipe.Backbone.Width;
        var keyed = w.Linear(g, "ordered_instruction.keys", g.Add(words, w.Add(g, "ordered_instruction.positions"))); // (B, T, W)
        var scores = g.Mul(g.Op("MatMul", w.Add(g, "ordered_instruction.slots"), g.Transpose(keyed, 0, 2, 1)),
            g.Scalar((float)(1 / Math.Sqrt(width))));                                                // (B, S, T)
        var padding = g.Mul(g.Op("Sub", g.Transpose(mask, 0, 2, 1), g.Scalar(1f)),
            g.Scalar(Vla.Core.Model.OrderedInstruction.PaddingPenalty));                             // (B, 1, T): 0 or -1e9
        var maps = g.Op("Softmax", new Dictionary<string, object> { ["axis"] = -1L }, g.Add(scores, padding));
        var pooled = g.Reshape(g.Op("MatMul", maps, words), -1, Vla.Core.Model.OrderedInstruction.Slots * width);
        return g.Add(mean, w.Linear(g, "ordered_instruction.projection", pooled));
    }

    /// <summary><c>SpatialKeypoints.Forward</c>: soft-argmax over each camera's grid, projected to one token (B, 1, W).</summary>
    private string Keypoints(OnnxGraphBuilder g, string visionTokens, int n)
    {
        var (cameras, m) = (recipe.Cameras.Count, recipe.Vision.Keypoints);
        var weights = g.Op("Softmax", new Dictionary<string, object> { ["axis"] = 1L },
            w.Linear(g, "keypoints.logits", visionTokens));                                        // (C*B, N, M)
        var grid = g.Constant(Vla.Core.Model.SpatialKeypoints.GridValues(n), [n, 2], "keypoint_grid");
        var xy = g.Op("MatMul", g.Transpose(weights, 0, 2, 1), grid);                              // (C*B, M, 2)
        var flat = g.Reshape(g.Transpose(g.Reshape(xy, cameras, -1, m * 2), 1, 0, 2), -1, cameras * m * 2); // (B, C*M*2)
        return g.Unsqueeze(w.Linear(g, "keypoints.projection", flat), 1);
    }
}
