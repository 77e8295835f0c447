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
                return body(new Callback<TrainProgress>(p =>
                {
                    task.Value = p.Step;
                    var validation = (p.ValidationLoss is { } v ? $" val {v:F4}" : "") + (p.DecisionLoss is { } d ? $" decision {d:F4}" : "");
                    task.Description = $"{title} loss {p.Loss:F4}{validation} {p.StepsPerSecond:F1} it/s";
                }));
            });
    }

    /// <summary>
    /// A bar over <paramref name="total"/> work items (tasks, episodes); each report is one finished item and its
    /// text becomes the description. Thread-safe: workers report from their own threads.
    /// </summary>
    public static T Count<T>(string title, int total, bool quiet, Func<IProgress<string>, T> body)
    {
        if (quiet || Console.IsOutputRedirected || !AnsiConsole.Profile.Capabilities.Interactive)
            return body(new LineCounter(title, total));
        return AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(),
                new RemainingTimeColumn(), new SpinnerColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask(title, maxValue: total);
                var gate = new object();
                return body(new Callback<string>(text =>
                {
                    lock (gate)
                    {
                        task.Increment(1);
                        task.Description = $"{title} {Markup.Escape(text)}";
                    }
                }));
            });
    }

    private sealed class Callback<TValue>(Action<TValue> report) : IProgress<TValue>
    {
        public void Report(TValue value) => report(value);
    }

    private sealed class LineCounter(string title, int total) : IProgress<string>
    {
        private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();
        private int _done, _lastDecile = -1;

        public void Report(string text)
        {
            var done = Interlocked.Increment(ref _done);
            var decile = done * 10 / Math.Max(1, total);
            lock (this)
            {
                if (decile == _lastDecile) return;
                _lastDecile = decile;
            }
            var eta = _clock.Elapsed.TotalSeconds / done * (total - done);
            Console.Error.WriteLine($"[{title}] {done}/{total} {text} eta {TimeSpan.FromSeconds(eta):hh\\:mm\\:ss}");
        }
    }

    private sealed class LineProgress(string title) : IProgress<TrainProgress>
    {
        private int _lastDecile = -1;

        public void Report(TrainProgress p)
        {
            var decile = p.Step * 10 / Math.Max(1, p.TotalSteps);
            if (decile == _lastDecile) return;
            _lastDecile = decile;
            var validation = (p.ValidationLoss is { } v ? $" val_loss {v:F4}" : "") + (p.DecisionLoss is { } d ? $" decision_loss {d:F4}" : "");
            var eta = (p.TotalSteps - p.Step) / Math.Max(p.StepsPerSecond, 1e-9);
            Console.Error.WriteLine($"[{title}] step {p.Step}/{p.TotalSteps} loss {p.Loss:F4}{validation} " +
                                    $"{p.StepsPerSecond:F2} it/s eta {TimeSpan.FromSeconds(eta):hh\\:mm\\:ss}");
        }
    }
}
