using Microsoft.ML;
using Microsoft.ML.Data;
using Vla.Core.Data;

namespace Vla.MLNet.Tests;

/// <summary>Shares one trained pipeline between the test classes that name it.</summary>
[CollectionDefinition(TrainedPipeline.Collection)]
public sealed class TrainedPipelineCollection : ICollectionFixture<TrainedPipeline>;

/// <summary>
/// Trains once for all test classes that uses it: synthetic episodes -> PNG files -> LoadFromEnumerable -> LoadImages ->
/// ResizeImages -> ExtractPixels -> mlContext.Vla().Policy(...) -> Fit -> Transform.
/// </summary>
public sealed class TrainedPipeline : IDisposable
{
    public const string Collection = "trained pipeline";
    public const int Episodes = 6, Steps = 300;

    public TrainedPipeline()
    {
        // libtorch's intra-op threads spin-wait: on a busy 2-core machine one thread trains ~8x faster than two.
        TorchSharp.torch.set_num_threads(1);
        Ml = new MLContext(seed: 1);
        Folder = TestData.TempFolder("pipeline");
        Rows = TestData.WriteRows(SyntheticTask.Generate(Episodes, TestData.ImageSize, seed: 3), Path.Combine(Folder, "images"));
        Data = Ml.Data.LoadFromEnumerable(Rows);
        var pipeline = TestData.ImagePipeline(Ml).Append(Ml.Vla().Policy(new VlaPolicyEstimator.Options
        {
            Recipe = TestData.TinyRecipe(Steps),
            EpisodeColumn = nameof(StepRow.Episode),
            RunDirectory = Path.Combine(Folder, "run"),
        }));
        Model = pipeline.Fit(Data);
        Output = Model.Transform(Data);
        Predictions = ReadChunks(Output, Model.LastTransformer.OutputColumnName);
    }

    public MLContext Ml { get; }
    public string Folder { get; }
    public List<StepRow> Rows { get; }
    public IDataView Data { get; }
    public TransformerChain<VlaPolicyTransformer> Model { get; }
    public VlaPolicyTransformer Policy => Model.LastTransformer;
    public IDataView Output { get; }
    public List<float[]> Predictions { get; }

    public static List<float[]> ReadChunks(IDataView view, string column) =>
        view.GetColumn<VBuffer<float>>(column).Select(v => v.DenseValues().ToArray()).ToList();

    public void Dispose()
    {
        Policy.Dispose();
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
    }
}
