using System.Text.Json;
using Vla.Data;
using Vla.Data.Tests;

namespace Vla.Cli.Tests.Commands;

public class StatsCommandTests
{
    [Fact]
    public void Libero_statistics_equal_a_direct_computation_and_are_reused()
    {
        var dir = Cli.TempFolder("stats");
        H5pyWriter.Write(new H5pyWriter.Spec(Path.Combine(dir, "task_demo.hdf5"), Demos: [0, 1, 2], Steps: 7));

        var r = Cli.Run("stats", "--data", dir, "--json");

        r.ExitCode.Should().Be(0, r.Error);
        var json = r.Json;
        json.GetProperty("format").GetString().Should().Be("libero-hdf5");
        json.GetProperty("reused").GetBoolean().Should().BeFalse();
        json.GetProperty("frames").GetInt64().Should().Be(21);
        File.Exists(Path.Combine(dir, DatasetStatisticsCache.FileName)).Should().BeTrue();
        for (var j = 0; j < 7; j++)
            AssertColumn(json.GetProperty("actions"), j, [.. from d in new[] { 0, 1, 2 } from t in Enumerable.Range(0, 7) select (double)Expected.Action(d, t, j)]);
        // ee_pos (key 0) is proprio columns 0-2
        for (var j = 0; j < 3; j++)
            AssertColumn(json.GetProperty("proprio"), j, [.. from d in new[] { 0, 1, 2 } from t in Enumerable.Range(0, 7) select (double)Expected.Proprio(d, t, 0, j)]);

        var again = Cli.Run("stats", "--data", dir, "--json");
        again.ExitCode.Should().Be(0, again.Error);
        again.Json.GetProperty("reused").GetBoolean().Should().BeTrue();
        again.Json.GetProperty("actions").GetRawText().Should().Be(json.GetProperty("actions").GetRawText());
    }

    [Fact]
    public void Aloha_data_is_detected_and_its_14D_statistics_computed()
    {
        var dir = Cli.TempFolder("stats-aloha");
        for (var e = 0; e < 3; e++) AlohaH5pyWriter.Write(new AlohaH5pyWriter.Spec(Path.Combine(dir, $"episode_{e}.hdf5"), Episode: e));

        var r = Cli.Run("stats", "--data", dir, "--json");

        r.ExitCode.Should().Be(0, r.Error);
        r.Json.GetProperty("format").GetString().Should().Be("aloha-hdf5");
        for (var j = 0; j < 14; j += 13)
        {
            AssertColumn(r.Json.GetProperty("actions"), j, [.. from e in new[] { 0, 1, 2 } from t in Enumerable.Range(0, 6) select (double)Expected.Action(e, t, j)]);
            AssertColumn(r.Json.GetProperty("proprio"), j, [.. from e in new[] { 0, 1, 2 } from t in Enumerable.Range(0, 6) select (double)Expected.Proprio(e, t, 0, j)]);
        }
    }

    [Fact]
    public void A_missing_folder_is_a_clear_error()
    {
        var r = Cli.Run("stats", "--data", "/nonexistent/data", "--json");

        r.ExitCode.Should().Be(2);
        r.Error.Should().StartWith("error:").And.Contain("/nonexistent/data");
    }

    /// <summary>mean, population std, min, max and numpy-style (linear) q01/q99 of <paramref name="values"/>, computed here.</summary>
    private static void AssertColumn(JsonElement feature, int j, double[] values)
    {
        Array.Sort(values);
        var mean = values.Average();
        var std = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Length);
        double Quantile(double q)
        {
            var position = q * (values.Length - 1);
            var lower = (int)position;
            var upper = Math.Min(lower + 1, values.Length - 1);
            return values[lower] + (position - lower) * (values[upper] - values[lower]);
        }
        Value(feature, "mean", j).Should().BeApproximately(mean, 1e-3 * Math.Max(1, Math.Abs(mean)));
        Value(feature, "std", j).Should().BeApproximately(std, 1e-3 * Math.Max(1, std));
        Value(feature, "min", j).Should().Be((float)values[0]);
        Value(feature, "max", j).Should().Be((float)values[^1]);
        Value(feature, "q01", j).Should().BeApproximately(Quantile(0.01), 1e-3);
        Value(feature, "q99", j).Should().BeApproximately(Quantile(0.99), 1e-3);
    }

    private static double Value(JsonElement feature, string name, int j) => feature.GetProperty(name)[j].GetDouble();
}
