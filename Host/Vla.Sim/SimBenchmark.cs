using System.Diagnostics;
using Vla.Sim.Engine;
using Vla.Sim.Expert;
using Vla.Sim.Native;

namespace Vla.Sim;

/// <summary>Measures environment steps per second on the calling thread (scripted expert actions, one env).</summary>
public static class SimBenchmark
{
    public static SimBenchmarkResult MeasureStepsPerSecond(string suite = "spatial", int steps = 600, int imageSize = 128, bool render = true)
    {
        var tasks = SimCatalog.SuiteTasks(suite);
        using var env = new SimEnv(imageSize, imageSize);
        Run(env, tasks, 40, render); // warm-up: JIT, GL state
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var cpu0 = process.TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        Run(env, tasks, steps, render);
        double wall = sw.Elapsed.TotalSeconds;
        process.Refresh();
        double cpu = (process.TotalProcessorTime - cpu0).TotalSeconds;
        return new SimBenchmarkResult(steps / wall, steps / Math.Max(cpu, 1e-9), steps, imageSize, render, GlBackend.EnsureInitialised());
    }

    private static void Run(SimEnv env, IReadOnlyList<Tasks.SimTask> tasks, int steps, bool render)
    {
        int done = 0, episode = 0;
        while (done < steps)
        {
            var task = tasks[episode % tasks.Count];
            env.Load(task);
            env.Reset(episode);
            var expert = new ScriptedExpert(task, episode++);
            while (done < steps && env.StepCount < task.Info.MaxSteps && !expert.Finished)
            {
                if (render) env.Observe();
                env.Step(expert.Act(env));
                done++;
                if (env.IsSuccess()) break;
            }
        }
    }
}
