using TorchSharp;
using Vla.Abstractions;
using static TorchSharp.torch;

namespace Vla.Plugins.Heads.Diffusion;

/// <summary>
/// Continuous actions by denoising (OFT's diffusion variant): noisy actions fill the action slots, the timestep is
/// an extra token, the MLPResNet predicts the noise (MSE). Inference runs DDIM: one backbone forward per step.
/// </summary>
internal sealed partial class DiffusionHead : ActionHead
{
    private readonly DdimSchedule _schedule;
    private readonly int _inferenceSteps;
    private readonly long _seed;
    private readonly NoisyActionProjector noisy_action_projector;
    private readonly TimestepEmbedding timestep_embedding;
    private readonly MlpResNet noise_predictor;

    public DiffusionHead(HeadContext context, int trainSteps, int inferenceSteps, long seed) : base("diffusion", context)
    {
        _schedule = new DdimSchedule(trainSteps);
        _inferenceSteps = inferenceSteps;
        _seed = seed;
        noisy_action_projector = new NoisyActionProjector(context.Width);
        timestep_embedding = new TimestepEmbedding(context.Width);
        noise_predictor = new MlpResNet(context.Chunk.D * context.Width, context.Width, context.Chunk.D);
        RegisterComponents();
    }

    public override int ExtraTokenCount => 1;

    public override HeadTrainingInputs PrepareTraining(Tensor target, Generator? generator)
    {
        using var scope = NewDisposeScope();
        var batch = target.shape[0];
        var noise = randn(target.shape, generator: generator, device: target.device);           // (B, K, D)
        var t = randint(0, _schedule.TrainSteps, [batch], generator: generator, device: target.device);
        var noisy = _schedule.AddNoise(target, noise, t);                                          // (B, K, D)
        return new HeadTrainingInputs(target)
        {
            SlotInputs = noisy_action_projector.forward(noisy).MoveToOuterDisposeScope(),        // (B, K*D, W)
            ExtraTokens = timestep_embedding.forward(t).MoveToOuterDisposeScope(),               // (B, 1, W)
            Aux = noise.MoveToOuterDisposeScope(),
        };
    }

    public override Tensor Loss(Tensor slotHidden, HeadTrainingInputs inputs)
    {
        using var scope = NewDisposeScope();
        var predicted = PredictNoise(slotHidden);                                                  // (B, K, D)
        return nn.functional.mse_loss(predicted, inputs.Aux!).MoveToOuterDisposeScope();
    }

    public override Tensor Predict(SlotPass pass, long batch)
    {
        using var scope = NewDisposeScope();
        var device = noise_predictor.parameters().First().device;
        // A fixed seed makes inference a pure function of the observation (reproducible, comparable across engines).
        var generator = new Generator((ulong)_seed, device);
        var x = randn([batch, Chunk.K, Chunk.D], generator: generator, device: device);         // x_T ~ N(0, I)
        var timesteps = _schedule.InferenceTimesteps(_inferenceSteps);
        for (var i = 0; i < timesteps.Length; i++)
        {
            var t = full(batch, timesteps[i], dtype: ScalarType.Int64, device: device);
            var hidden = pass(noisy_action_projector.forward(x), timestep_embedding.forward(t));
            var previousT = i + 1 < timesteps.Length ? timesteps[i + 1] : -1;
            (x, _) = _schedule.Step(x, PredictNoise(hidden), timesteps[i], previousT);
        }
        return x.clamp(-1, 1).MoveToOuterDisposeScope();
    }

    private Tensor PredictNoise(Tensor slotHidden) =>
        noise_predictor.forward(slotHidden.reshape(slotHidden.shape[0], Chunk.K, Chunk.D * Context.Width));
}
