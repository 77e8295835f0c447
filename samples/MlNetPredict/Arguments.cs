namespace MlNetPredict;

/// <summary>The command line: MODEL.zip IMAGE[,IMAGE...] "INSTRUCTION" [PROPRIO] [--scaled].</summary>
internal sealed record Arguments(string Model, string[] Images, string Instruction, float[]? Proprio, bool Scaled)
{
    public const string Usage = """
        usage: MlNetPredict MODEL.zip IMAGE[,IMAGE...] "INSTRUCTION" [PROPRIO] [--scaled]
          MODEL.zip  saved by mlContext.Model.Save(policy, policy.SaveSchema, path) or `vla export --run RUN` ("mlnet")
          IMAGE      one image file per camera, comma-separated in the model's camera order; one file serves every camera
          PROPRIO    comma-separated raw proprio values (invariant culture); omitted: zeros
          --scaled   the model was saved with PixelsAreScaled (pixels 0-1); default 0-255 (ExtractPixels' default)
        prints the predicted chunk as JSON: {"actions": [[a_0 ... a_D-1], ... K rows]}
        """;

    public static Arguments Parse(string[] args)
    {
        var scaled = args.Contains("--scaled");
        var rest = args.Where(a => a != "--scaled").ToArray();
        if (rest.Length is < 3 or > 4) throw new UsageException("expected 3 or 4 arguments");
        float[]? proprio = null;
        if (rest.Length == 4)
        {
            try
            {
                proprio = rest[3].Split(',', StringSplitOptions.TrimEntries)
                    .Select(v => float.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            }
            catch (FormatException)
            {
                throw new UsageException($"PROPRIO '{rest[3]}' is not a comma-separated list of numbers");
            }
        }
        return new Arguments(rest[0], rest[1].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
            rest[2], proprio, scaled);
    }
}

/// <summary>A command-line mistake: printed with the usage.</summary>
internal sealed class UsageException(string message) : Exception(message);

/// <summary>A problem with the inputs or the model, printed as "error: ..." (message says what to fix).</summary>
internal sealed class SampleException(string message) : Exception(message);
