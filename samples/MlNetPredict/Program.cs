using System.Text.Json;
using MlNetPredict;
using Microsoft.ML;

// Loads the .zip with ML.NET alone and predicts one chunk; every failure is one "error: ..." line and exit code 1.
try
{
    var arguments = Arguments.Parse(args);
    var ml = new MLContext();
    var (model, columns) = SavedPolicy.Load(ml, arguments.Model);
    var actions = SavedPolicy.Predict(ml, model, columns, arguments);
    Console.WriteLine(JsonSerializer.Serialize(new { actions }));
    return 0;
}
catch (UsageException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    Console.Error.WriteLine(Arguments.Usage);
    return 2;
}
catch (Exception e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 1;
}
