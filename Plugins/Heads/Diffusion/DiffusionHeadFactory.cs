using Vla.Abstractions;

namespace Vla.Plugins.Heads.Diffusion;

internal sealed class DiffusionHeadFactory : IActionHeadFactory
{
    public string Description => "continuous actions by DDIM denoising (50 train steps, squaredcos_cap_v2), noise MSE";

    public bool EmitsTokens => false;

    public ActionHead Create(HeadContext context, PartOptions options)
    {
        options.RejectUnknown("train_steps", "inference_steps", "seed");
        var trainSteps = options.Int("train_steps", 50, 2, 10000);
        var inferenceSteps = options.Int("inference_steps", 10, 1, trainSteps);
        if (trainSteps % inferenceSteps != 0)
            throw new RecipeException($"{options.Field}.inference_steps",
                $"{inferenceSteps} must divide train_steps {trainSteps} (DDIM uses evenly spaced timesteps)");
        return new DiffusionHead(context, trainSteps, inferenceSteps, options.Int("seed", 0, 0));
    }
}
