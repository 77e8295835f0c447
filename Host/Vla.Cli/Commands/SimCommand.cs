using System.CommandLine;
using Vla.Cli.Sim;
using Vla.Sim;

namespace Vla.Cli.Commands;

/// <summary>`vla sim tasks|render|bench`: look at the built-in MuJoCo benchmark.</summary>
internal static class SimCommand
{
    public static Command Create()
    {
        var command = new Command("sim", """
            the built-in MuJoCo benchmark (LIBERO-style suites: spatial, object, goal, long).
            examples: vla sim tasks --json | vla sim render --task <name> --seed 3 --out frame.png | vla sim bench
            """);
        command.Subcommands.Add(Tasks());
        command.Subcommands.Add(Render());
        command.Subcommands.Add(Bench());
        return command;
    }

    private static Option<string?> SuiteOption(string description) => new("--suite") { Description = description };

    private static Command Tasks()
    {
        var suite = SuiteOption("one suite, a comma list, or all (default)");
        var json = CommonOptions.Json();
        var command = new Command("tasks", "list suites and tasks with their instructions and step limits") { suite, json };
        command.SetAction(parse => CommandRunner.Guard(() =>
        {
            var suites = SimSuites.Parse(parse.GetValue(suite));
            var listing = suites.ToDictionary(s => s, s => SimCatalog.Tasks(s));
            if (parse.GetValue(json))
                JsonOutput.Write(new
                {
                    suites = listing.Select(kv => new
                    {
                        name = kv.Key,
                        tasks = kv.Value.Select(t => new { name = t.Name, instruction = t.Instruction, max_steps = t.MaxSteps }),
                    }),
                });
            else
                foreach (var (name, tasks) in listing)
                {
                    Console.WriteLine($"{name} ({tasks.Count} tasks)");
                    foreach (var t in tasks) Console.WriteLine($"  {t.Name,-44} {t.Instruction} (max {t.MaxSteps} steps)");
                }
            return 0;
        }));
        return command;
    }

    private static Command Render()
    {
        var task = new Option<string>("--task") { Description = "task name (see `vla sim tasks`)", Required = true };
        var suite = SuiteOption("the task's suite (only needed when the name is ambiguous)");
        var seed = new Option<int>("--seed") { Description = "initial-placement seed", DefaultValueFactory = _ => 0 };
        var size = new Option<int>("--size") { Description = "pixels per camera", DefaultValueFactory = _ => 256 };
        var output = new Option<string>("--out") { Description = "PNG to write (agentview | eye_in_hand side by side)", DefaultValueFactory = _ => "frame.png" };
        var json = CommonOptions.Json();
        var command = new Command("render", "render a task's initial scene for a seed from both cameras") { task, suite, seed, size, output, json };
        command.SetAction(parse => CommandRunner.Guard(() =>
        {
            var name = parse.GetValue(task)!;
            var s = SimSuites.SuiteOf(name, parse.GetValue(suite));
            var path = SceneRenderer.RenderPng(s, name, parse.GetValue(seed), Path.GetFullPath(parse.GetValue(output)!), parse.GetValue(size));
            var info = SimCatalog.Task(s, name);
            if (parse.GetValue(json)) JsonOutput.Write(new { png = path, suite = s, task = name, instruction = info.Instruction });
            else Console.WriteLine($"{path}: {s}/{name} seed {parse.GetValue(seed)}: \"{info.Instruction}\"");
            return 0;
        }));
        return command;
    }

    private static Command Bench()
    {
        var steps = new Option<int>("--steps") { Description = "environment steps to time", DefaultValueFactory = _ => 600 };
        var size = new Option<int>("--image-size") { Description = "pixels per camera", DefaultValueFactory = _ => 128 };
        var json = CommonOptions.Json();
        var command = new Command("bench", "environment steps per second on one core: physics plus both cameras rendered") { steps, size, json };
        command.SetAction(parse => CommandRunner.Guard(() =>
        {
            var r = SimBenchmark.MeasureStepsPerSecond("spatial", parse.GetValue(steps), parse.GetValue(size));
            if (parse.GetValue(json))
                JsonOutput.Write(new
                {
                    steps_per_s = Math.Round(r.StepsPerSecond, 1), steps_per_cpu_s = Math.Round(r.StepsPerCpuSecond, 1),
                    steps = r.Steps, image_size = r.ImageSize, gl_backend = r.GlBackend,
                });
            else
                Console.WriteLine($"{r.StepsPerSecond:F0} env steps/s wall, {r.StepsPerCpuSecond:F0} per CPU-second " +
                                  $"({r.Steps} steps, 2 cameras at {r.ImageSize} px, {r.GlBackend})");
            return 0;
        }));
        return command;
    }
}
