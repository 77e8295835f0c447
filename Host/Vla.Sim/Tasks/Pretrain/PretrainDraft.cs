using Vla.Sim.Scene;

namespace Vla.Sim.Tasks.Pretrain;

/// <summary>A generated task before it gets its index-prefixed name (and before the held-out check accepts it).</summary>
internal sealed record PretrainDraft(string Slug, string Instruction, SceneSpec Scene, IReadOnlyList<PlaceGoal> Goals,
    Func<Random, Placement> Layout, int MaxSteps);
