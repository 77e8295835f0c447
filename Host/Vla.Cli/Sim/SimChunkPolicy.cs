using Vla.Abstractions;
using Vla.Core.Inference;
using Vla.Sim;

namespace Vla.Cli.Sim;

/// <summary>
/// Lets a trained policy drive the simulator: a simulator observation becomes a policy observation (camera names are
/// the same: agentview, eye_in_hand), the predicted raw chunk becomes K rows of 7-D actions.
/// </summary>
internal sealed class SimChunkPolicy : IChunkPolicy
{
    private readonly Func<Observation, ActionChunk> _predict;

    public SimChunkPolicy(Func<Observation, ActionChunk> predict) => _predict = predict;

    public static SimChunkPolicy For(IChunkPredictor policy)
    {
        var recipe = policy.Recipe;
        if (recipe.ActionDim != SimConventions.ActionDim)
            throw new VlaException($"the policy predicts {recipe.ActionDim}-D actions; the simulator takes {SimConventions.ActionDim}-D",
                "evaluate a policy trained on simulator demonstrations (vla demos)");
        if (recipe.ProprioDim is not (0 or SimConventions.ProprioDim))
            throw new VlaException($"the policy expects {recipe.ProprioDim}-D proprio; the simulator gives {SimConventions.ProprioDim}-D");
        var unknown = recipe.Cameras.Except([SimConventions.AgentView, SimConventions.EyeInHand]).ToList();
        if (unknown.Count > 0)
            throw new VlaException($"the policy uses camera(s) {string.Join(", ", unknown)} the simulator does not have",
                $"simulator cameras: {SimConventions.AgentView}, {SimConventions.EyeInHand}");
        return new SimChunkPolicy(o => policy.Predict([o])[0]);
    }

    public float[][] PredictChunk(SimObservation observation)
    {
        var images = observation.Images.Select(kv => new CameraImage(kv.Key, observation.Height, observation.Width, kv.Value)).ToList();
        var chunk = _predict(new Observation(images, observation.Instruction, observation.Proprio));
        return Enumerable.Range(0, chunk.K).Select(chunk.Step).ToArray();
    }
}
