using Microsoft.ML;

namespace Vla.MLNet.Tests;

/// <summary>
/// The saved model tokenises in-graph: with known words (any case or order, an empty instruction, single-token unseen
/// words) its chunks equal the TorchSharp policy's, which tokenises with the C# GPT-2 tokenizer.
/// </summary>
[Collection(TrainedPipeline.Collection)]
public sealed class InstructionTokenizingTests(TrainedPipeline fixture)
{
    [Theory]
    [InlineData("PICK UP THE Red Block")]
    [InlineData("block the up pick")]
    [InlineData("  pick up the blue ball  ")]
    [InlineData("")]
    [InlineData("pick up the purple banana")]
    public void Saved_model_tokenises_like_the_policy(string instruction)
    {
        var rows = fixture.Rows.Take(3).Select(r => new StepRow
        {
            AgentviewPath = r.AgentviewPath, EyeInHandPath = r.EyeInHandPath, Instruction = instruction, Proprio = r.Proprio,
            Label = r.Label, Episode = r.Episode,
        }).ToList();
        var data = fixture.Ml.Data.LoadFromEnumerable(rows);
        var pixels = TestData.ImagePipeline(fixture.Ml).Fit(data).Transform(data);
        var zip = Path.Combine(fixture.Folder, $"tokens-{Guid.NewGuid():N}.zip");
        fixture.Ml.Model.Save(fixture.Policy, fixture.Policy.SaveSchema, zip);

        var expected = TrainedPipeline.ReadChunks(fixture.Policy.Transform(pixels), "ActionChunk");
        var actual = TrainedPipeline.ReadChunks(new MLContext().Model.Load(zip, out _).Transform(pixels), "ActionChunk");
        for (var i = 0; i < rows.Count; i++)
            actual[i].Zip(expected[i], (a, e) => Math.Abs(a - e)).Max().Should().BeLessThan(1e-5f, $"row {i}");
    }
}
