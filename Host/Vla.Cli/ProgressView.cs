using Spectre.Console;
using Vla.Core.Training;

namespace Vla.Cli;

/// <summary>
/// A progress bar with loss, validation loss, steps/s and ETA on a terminal; plain lines every 10% on stderr when
/// output is redirected or --json is set (so scripts get clean stdout).
/// </summary>
internal static class ProgressView
{
    public static T Train<T>(string title, int totalSteps, bool quiet, Func<IProgress<TrainProgress>, T> body)
    {
        if (quiet || Console.IsOutputRedirected || !AnsiConsole.Profile.Capabilities.Interactive)
            return body(new LineProgress(title));
        return AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(),
                new RemainingTimeColumn(), new SpinnerColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask(title, maxValue: totalSteps);
                return body(new Callback(p =>
                {
                    task.Value = p.Step;
                    var validation = p.ValidationLoss is { } v ? $" val {v:F4}" : "";
                    task.Description = $"{title} loss {p.Loss:F4}{validation} {p.StepsPerSecond:F1} it/s";
                }));
            });
    }

    private sealed class Callback(Action<TrainProgress> report) : IProgress<TrainProgress>
    {
        public void Report(TrainProgress value) => report(value);
    }

    private sealed class LineProgress(string title) : IProgress<TrainProgress>
    {
        private int _lastDecile = -1;

        public void Report(TrainProgress p)
        {
            var decile = p.Step * 10 / Math.Max(1, p.TotalSteps);
            if (decile == _lastDecile) return;
            _lastDecile = decile;
            var validation = p.ValidationLoss is { } v ? $" val_loss {v:F4}" : "";
            var eta = (p.TotalSteps - p.Step) / Math.Max(p.StepsPerSecond, 1e-9);
            Console.Error.WriteLine($"[{title}] step {p.Step}/{p.TotalSteps} loss {p.Loss:F4}{validation} " +
                                    $"{p.StepsPerSecond:F2} it/s eta {TimeSpan.FromSeconds(eta):hh\\:mm\\:ss}");
        }
    }
}
