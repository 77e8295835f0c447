using Vla.Sim.Engine;
using Vla.Sim.Expert;

namespace Vla.Sim.Tests;

public class ExpertTests
{
    [Theory]
    [MemberData(nameof(TaskData.AllTasks), MemberType = typeof(TaskData))]
    public void Scripted_expert_succeeds(string suite, string name)
    {
        var task = SimCatalog.Find(suite, name);
        using var env = new SimEnv(32, 32);
        env.Load(task);
        foreach (int seed in new[] { 11, 12, 13 })
        {
            env.Reset(seed);
            var expert = new ScriptedExpert(task, seed);
            bool success = false;
            while (!success && env.StepCount < task.Info.MaxSteps)
            {
                env.Step(expert.Act(env)).Should().BeTrue();
                success = env.IsSuccess();
            }
            success.Should().BeTrue($"{name} seed {seed}");
        }
    }
}
