using Vla.Abstractions;
using Vla.Core.Inference;
using Vla.Sim;

namespace Vla.Cli.Sim;

/// <summary>
/// Lets a trained policy drive the simulator: a simulator observation becomes a policy observation (camera names are
/// the same: agentview, eye_in_hand), the predicted raw chunk becomes K rows of 7-D actions. The gripper command is
/// binarised to -1 (open) / +1 (close) by default, as openvla-oft's LIBERO evaluation does: a regressed gripper value
/// between the two modes would otherwise command a half-open grip that does not hold the object.
/// </summary>
internal sealed class SimChunkPolicy : IChunkPolicy
{
    private readonly Func<Observation, ActionChunk> _predict;

    private readonly bool _binaryGripper;
    private readonly Func<string, string>? _instruction;
    private readonly ClosedLoopPlan? _plan;

    /// <param name="plan">when to query and whether to ensemble (<see cref="TemporalEnsemble"/>, one per episode); null runs
    /// every chunk whole</param>
    public SimChunkPolicy(Func<Observation, ActionChunk> predict, bool binaryGripper = true, Func<string, string>? instruction = null,
        ClosedLoopPlan? plan = null)
    {
        _predict = predict;
        _binaryGripper = binaryGripper;
        _instruction = instruction;
        _plan = plan;
    }

    /// <param name="instruction">replaces the task's instruction before the policy sees it (e.g. shuffled-instruction probes)</param>
    /// <param name="openLoopSteps">actions of each chunk executed before the next query (LeRobot's n_action_steps); null: the
    /// recipe's <see cref="Recipe.OpenLoopSteps"/>, else all K</param>
    /// <param name="ensembleDecay">ACT's temporal ensemble with this decay; null: the recipe's
    /// <see cref="Recipe.TemporalEnsemble"/>, else off. See <see cref="TemporalEnsemble"/>.</param>
    public static SimChunkPolicy For(IChunkPredictor policy, bool binaryGripper = true, Func<string, string>? instruction = null,
        int? openLoopSteps = null, double? ensembleDecay = null)
    {
        var recipe = policy.Recipe;
        if (ensembleDecay is { } m && (m < 0 || double.IsNaN(m) || double.IsInfinity(m)))
            throw new VlaException($"--temporal-ensemble {m} is negative or not a number",
                "give ACT's decay m >= 0, e.g. 0.01 (weights exp(-m i), oldest chunk first; 0 averages evenly)");
        if (openLoopSteps is { } n && (n < 1 || n > recipe.Chunk))
            throw new VlaException($"--open-loop-steps {n} is outside 1..{recipe.Chunk}", $"the policy predicts chunks of K = {recipe.Chunk} actions");
        if (recipe.ActionDim != SimConventions.ActionDim)
            throw new VlaException($"the policy predicts {recipe.ActionDim}-D actions; the simulator takes {SimConventions.ActionDim}-D",
                "evaluate a policy trained on simulator demonstrations (vla demos)");
        if (recipe.ProprioDim is not (0 or SimConventions.ProprioDim))
            throw new VlaException($"the policy expects {recipe.ProprioDim}-D proprio; the simulator gives {SimConventions.ProprioDim}-D");
        var unknown = recipe.Cameras.Except([SimConventions.AgentView, SimConventions.EyeInHand]).ToList();
        if (unknown.Count > 0)
            throw new VlaException($"the policy uses camera(s) {string.Join(", ", unknown)} the simulator does not have",
                $"simulator cameras: {SimConventions.AgentView}, {SimConventions.EyeInHand}");
        return new SimChunkPolicy(o => policy.Predict([o])[0], binaryGripper, instruction,
            ClosedLoopPlan.For(recipe, openLoopSteps, ensembleDecay));
    }

    /// <summary>How the closed loop executes <paramref name="recipe"/>'s chunks in evaluation, for reports: the plan
    /// <see cref="For"/> builds without overrides.</summary>
    internal static string Describe(Recipe recipe) => ClosedLoopPlan.For(recipe).Describe();

    private const int GripperDim = SimConventions.ActionDim - 1;

    /// <summary>Closes at or above 0, opens below; NaN stays NaN so the action validator still ends the episode.</summary>
    internal static float BinaryGripper(float g) => float.IsNaN(g) ? g : g >= 0 ? 1f : -1f;

    public float[][] PredictChunk(SimObservation observation)
    {
        var chunk = WholeChunk(observation);
        var rows = chunk.Take(_plan?.QueryEvery ?? chunk.Length).ToArray();
        foreach (var row in rows) Finish(row);
        return rows;
    }

    public IChunkPolicy ForEpisode() =>
        _plan is { EnsembleDecay: { } decay } ? new TemporalEnsemble(WholeChunk, _plan.QueryEvery, decay, Finish) : this;

    // All K raw actions of the chunk for one observation.
    private float[][] WholeChunk(SimObservation observation)
    {
        var images = observation.Images.Select(kv => new CameraImage(kv.Key, observation.Height, observation.Width, kv.Value)).ToList();
        var told = _instruction is null ? observation.Instruction : _instruction(observation.Instruction);
        var chunk = _predict(new Observation(images, told, observation.Proprio));
        return Enumerable.Range(0, chunk.K).Select(chunk.Step).ToArray();
    }

    private void Finish(float[] action)
    {
        if (_binaryGripper) action[GripperDim] = BinaryGripper(action[GripperDim]);
    }
}
