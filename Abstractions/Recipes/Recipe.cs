using System.Text.Json;
using System.Text.Json.Serialization;

namespace Vla.Abstractions;

/// <summary>
/// A fine-tuning recipe: the parts by name plus every dimension and hyper-parameter. Stored as snake_case JSON
/// (recipes/*.json); unknown fields are refused so a typo cannot silently fall back to a default.
/// </summary>
public sealed record Recipe
{
    public string Name { get; init; } = "custom";
    public string Decoder { get; init; } = "parallel";
    public string Head { get; init; } = "l1-regression";
    public string Conditioning { get; init; } = "none";

    /// <summary>K: actions predicted per chunk (LIBERO 8).</summary>
    public int Chunk { get; init; } = 8;

    /// <summary>Actions of each predicted chunk a closed loop executes before it queries again (LeRobot's
    /// n_action_steps); null: all K, as the paper evaluates LIBERO. Evaluation only: training is unchanged.</summary>
    public int? OpenLoopSteps { get; init; }

    /// <summary>ACT's temporal ensemble in closed loop: decay m of the weights exp(-m i) over every chunk that predicted a
    /// step, oldest first (ACT uses 0.01); the loop then queries every <see cref="OpenLoopSteps"/> (default 1) steps.
    /// null: off, as the paper evaluates. Evaluation only: training is unchanged.</summary>
    public double? TemporalEnsemble { get; init; }

    /// <summary>D: action dimensions (LIBERO 7: xyz delta, rotation delta, gripper).</summary>
    public int ActionDim { get; init; } = 7;

    /// <summary>Proprio dimensions; 0 = no proprio token.</summary>
    public int ProprioDim { get; init; } = 8;

    public List<string> Cameras { get; init; } = ["agentview", "eye_in_hand"];
    public int ImageSize { get; init; } = 64;
    public int MaxInstructionTokens { get; init; } = 24;
    public VisionSpec Vision { get; init; } = new();
    public BackboneSpec Backbone { get; init; } = new();
    public NormalizationSpec Normalization { get; init; } = new();
    public TrainingSpec Training { get; init; } = new();
    public Dictionary<string, JsonElement>? DecoderOptions { get; init; }
    public Dictionary<string, JsonElement>? HeadOptions { get; init; }
    public Dictionary<string, JsonElement>? ConditioningOptions { get; init; }

    [JsonIgnore] public ChunkShape ChunkShape => new(Chunk, ActionDim);

    /// <summary>Checks every field that does not depend on which plugins exist; throws naming the field.</summary>
    public Recipe Validate()
    {
        Require(!string.IsNullOrWhiteSpace(Name), "name", "must not be empty");
        Require(Chunk is >= 1 and <= 256, "chunk", $"must be in [1, 256], got {Chunk}");
        Require(OpenLoopSteps is null || (OpenLoopSteps >= 1 && OpenLoopSteps <= Chunk), "open_loop_steps",
            $"must be in [1, chunk = {Chunk}], got {OpenLoopSteps}", "leave it out to execute the whole chunk");
        Require(TemporalEnsemble is null || (TemporalEnsemble >= 0 && double.IsFinite(TemporalEnsemble.Value)), "temporal_ensemble",
            $"must be a decay >= 0, got {TemporalEnsemble}", "e.g. 0.01 as in ACT, or leave it out to execute chunks as predicted");
        Require(ActionDim is >= 1 and <= 64, "action_dim", $"must be in [1, 64], got {ActionDim}");
        Require(ProprioDim is >= 0 and <= 256, "proprio_dim", $"must be in [0, 256], got {ProprioDim}");
        Require(Cameras.Count >= 1, "cameras", "needs at least one camera name");
        Require(Cameras.Distinct().Count() == Cameras.Count, "cameras", "names must be unique");
        Require(ImageSize is >= 8 and <= 512, "image_size", $"must be in [8, 512], got {ImageSize}");
        Require(MaxInstructionTokens is >= 1 and <= 512, "max_instruction_tokens", "must be in [1, 512]");
        Vision.Validate(ImageSize);
        Require(Vision.Keypoints == 0 || ProprioDim > 0, "vision.keypoints", "keypoints join the proprio token, and proprio_dim is 0",
            "set proprio_dim (e.g. 8) or vision.keypoints to 0");
        Require(!Vision.PointingReadout || (ProprioDim > 0 && Cameras.Contains("agentview")), "vision.pointing_readout",
            "the readout joins the proprio token and reads the 'agentview' camera", "set proprio_dim and an agentview camera, or turn it off");
        Require(!Vision.PointingState || Vision.PointingReadout || Training.PointingWeight > 0, "vision.pointing_state",
            "it conditions the pointing head's queries, and the recipe has no pointing head",
            "set vision.pointing_readout or training.pointing_weight, or turn vision.pointing_state off");
        Require(!Vision.OrderedInstruction || Conditioning != "none" || Vision.PointingReadout || Training.PointingWeight > 0,
            "vision.ordered_instruction", "only FiLM and the pointing head read the instruction summary, and the recipe has neither",
            "set conditioning to film, vision.pointing_readout or training.pointing_weight, or turn vision.ordered_instruction off");
        Backbone.Validate();
        Normalization.Validate(ActionDim);
        Training.Validate();
        return this;
    }

    internal static void Require(bool ok, string field, string message, string? hint = null)
    {
        if (!ok) throw new RecipeException(field, message, hint);
    }

    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Parses and validates; <paramref name="source"/> (a path) goes into error messages.</summary>
    public static Recipe FromJson(string json, string source = "recipe")
    {
        Recipe? recipe;
        try
        {
            recipe = JsonSerializer.Deserialize<Recipe>(json, JsonOptions);
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" at line {line + 1}, position {e.BytePositionInLine + 1}" : "";
            var field = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "(json)" : e.Path.TrimStart('$', '.');
            throw new RecipeException(field, $"{source} is not a valid recipe{where}: {e.Message.Split(" Path:")[0]}",
                "see recipes/oft.json for a complete example");
        }
        if (recipe is null) throw new RecipeException("(json)", $"{source} is empty");
        return recipe.Validate();
    }

    /// <summary>Reads, parses and validates a recipe file; a missing file is a clear error naming the path.</summary>
    public static Recipe FromFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
            throw new VlaException($"recipe file '{Path.GetFullPath(path)}' does not exist", "see recipes/oft.json for an example");
        return FromJson(File.ReadAllText(path), path);
    }

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);
}
