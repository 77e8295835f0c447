using Vla.Sim.Scene;

namespace Vla.Sim.Tasks;

/// <summary>
/// A task: public info, the scene (compiled once per env), the goals in execution order (the expert does them
/// in this order; success needs all) and a seeded randomiser of the initial state.
/// </summary>
internal sealed record SimTask(SimTaskInfo Info, SceneSpec Scene, IReadOnlyList<PlaceGoal> Goals, Func<Random, Placement> Randomise)
{
    internal string Xml(int width, int height) => MjcfBuilder.Build(Scene, width, height);

    internal Placement InitialState(int seed) => Randomise(new Random(seed));

    internal bool IsSuccess(WorldState state) => SuccessDetector.AllSatisfied(Goals, Scene, state);
}
