using System.CommandLine;
using Vla.Abstractions;
using Vla.Data;

namespace Vla.Cli.Commands;

/// <summary>`vla stats`: the per-dimension statistics training normalises with, stored beside the data.</summary>
internal static class StatsCommand
{
    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "dataset folder (or one .hdf5 file)", Required = true };
        var format = FormatOption.Create("dataset layout (default: detected; ALOHA files have /action at the root)");
        var json = CommonOptions.Json();
        var command = new Command("stats", """
            compute (or reuse) dataset_statistics.json beside the data and print per-dimension mean, std, min, max,
            q01, q99 of actions and proprio. Exact, not a sketch: every dimension's values are sorted, and the
            quantiles interpolate linearly between order statistics (numpy's default), so it needs memory for all
            rows of one dimension. `vla train --data` reuses the stored file while the data files are unchanged.
            example: vla stats --data data/libero_spatial --json
            """) { data, format, json };
        command.SetAction(parse => CommandRunner.Guard(() =>
        {
            var path = parse.GetValue(data)!;
            var chosen = FormatOption.Resolve(parse.GetValue(format), path);
            // Frames do not change the statistics: read them at 1x1 so memory holds only actions and proprio.
            var options = new DatasetReadOptions(ImageSize: 1);
            var stats = DatasetReader.TryLoadStatistics(path, chosen, options);
            var reused = stats is not null;
            stats ??= DatasetReader.Statistics(path, chosen, options, DatasetReader.Read(path, chosen, options));
            // LeRobot folders are inputs we do not write into (their own meta/stats.json stays as it is): nothing is cached.
            var file = chosen == DatasetFormat.Lerobot ? null : DatasetStatisticsCache.PathFor(path);
            if (parse.GetValue(json))
                JsonOutput.Write(new
                {
                    data = Path.GetFullPath(path), format = DatasetFormats.Name(chosen), statistics_file = file, reused,
                    episodes = stats.Episodes, frames = stats.Frames, actions = stats.Action, proprio = stats.Proprio,
                });
            else
            {
                Console.WriteLine($"{DatasetFormats.Name(chosen)}: {stats.Episodes} episodes, {stats.Frames} frames; " +
                                  (file is null ? "computed (not cached beside a LeRobot dataset)" : $"{(reused ? "reused" : "wrote")} {file}"));
                Print("actions", stats.Action);
                if (stats.Proprio is not null) Print("proprio", stats.Proprio);
            }
            return 0;
        }));
        return command;
    }

    private static void Print(string name, FeatureStatistics s)
    {
        Console.WriteLine($"{name} ({s.Dim}-D)");
        Console.WriteLine($"  {"dim",3} {"mean",11} {"std",11} {"min",11} {"max",11} {"q01",11} {"q99",11}");
        for (var d = 0; d < s.Dim; d++)
            Console.WriteLine($"  {d,3} {s.Mean[d],11:G6} {s.Std[d],11:G6} {s.Min[d],11:G6} {s.Max[d],11:G6} {s.Q01[d],11:G6} {s.Q99[d],11:G6}");
    }
}
