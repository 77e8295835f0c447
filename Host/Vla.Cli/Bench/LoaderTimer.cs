using System.Diagnostics;
using Vla.Abstractions;
using Vla.Core.Data;
using Vla.Core.Data.Streaming;
using Vla.Core.Text;
using Vla.Data;
using static TorchSharp.torch;

namespace Vla.Cli.Bench;

/// <summary>
/// The streaming loader's delivery rate, to set against the training rate measured in the same run (the loader must
/// outrun the trainer). A LIBERO-layout HDF5 dataset with frames at twice the recipe's image size is written to a temp
/// folder (so every frame is read, decoded, resized and augmented on the worker, as 128 px LIBERO data trained at 64 px is), then
/// read through the streaming training source along a trainer-shaped plan of random batches with the frame cache off:
/// every frame comes from disk, which is what a dataset larger than memory gets. The consumer takes each batch as the
/// trainer does (bytes to float tensors), and nothing else, so this is the loader's ceiling on this machine.
/// </summary>
internal static class LoaderTimer
{
    /// <param name="MemoryBoundMb">what the source may hold at most: read-ahead batches plus the (here empty) frame cache</param>
    public sealed record Result(double SamplesPerSecond, int Samples, int StoredSize, long DatasetBytes, double Seconds, double MemoryBoundMb);

    public static Result Measure(Recipe recipe, int episodes, int steps, int batches)
    {
        var folder = Directory.CreateTempSubdirectory("vla-bench-loader-");
        try
        {
            var stored = recipe with { ImageSize = recipe.ImageSize * 2 };
            var data = RandomData.Episodes(stored, episodes, steps, seed: 5);
            var file = Path.Combine(folder.FullName, "bench_demo.hdf5");
            LiberoHdf5Writer.Write(file, data);
            var options = new StreamingOptions(CacheBytes: 0);
            using var store = DatasetReader.Stream(folder.FullName, DatasetFormat.LiberoHdf5,
                new DatasetReadOptions(Cameras: recipe.Cameras, ImageSize: recipe.ImageSize));
            var tokenizer = InstructionTokenizer.Fit(data.Select(e => e.Instruction), recipe.MaxInstructionTokens);
            using var source = new StreamingTrainingData(recipe, store, StatisticsCalculator.Compute(data), tokenizer, options);
            var random = new Random(3);
            // Augmented like training batches: the worker decodes, resizes and augments ahead of the consumer.
            var plan = Enumerable.Range(0, batches)
                .Select(i => new BatchRequest(Enumerable.Range(0, recipe.Training.BatchSize).Select(_ => random.Next(source.Frames)).ToArray(), i))
                .ToList();
            var clock = Stopwatch.StartNew();
            source.Plan(plan);
            foreach (var request in plan)
            {
                using var scope = NewDisposeScope();
                var (batch, _) = source.Batch(request);
                batch.Dispose();
            }
            var seconds = clock.Elapsed.TotalSeconds;
            var samples = batches * recipe.Training.BatchSize;
            var batchMb = (double)recipe.Training.BatchSize * recipe.Cameras.Count * 3 * recipe.ImageSize * recipe.ImageSize / (1 << 20);
            return new Result(samples / seconds, samples, stored.ImageSize, new FileInfo(file).Length, seconds,
                options.CacheBytes / (double)(1 << 20) + (options.ReadAhead + 2) * batchMb);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
