extern alias diffusion;
using Microsoft.Extensions.DependencyInjection;
using Vla.Abstractions;
using Vla.Plugins.Conditioning.FiLM;
using Vla.Plugins.Conditioning.None;
using Vla.Plugins.Decoders.Autoregressive;
using Vla.Plugins.Decoders.Parallel;
using Vla.Plugins.Heads.DiscreteTokens;
using Vla.Plugins.Heads.L1Regression;
using static TorchSharp.torch;
using DiffusionPlugin = diffusion::Vla.Plugins.Heads.Diffusion.DiffusionPlugin;

namespace Vla.Plugins.Tests;

public class PluginRegistrationTests
{
    private const int Width = 16;
    private static readonly ChunkShape Chunk = new(2, 3);

    public static TheoryData<Type, PartKind, string> Plugins => new()
    {
        { typeof(AutoregressiveDecoderPlugin), PartKind.Decoder, "autoregressive" },
        { typeof(ParallelDecoderPlugin), PartKind.Decoder, "parallel" },
        { typeof(DiscreteTokensPlugin), PartKind.Head, "discrete-tokens" },
        { typeof(L1RegressionPlugin), PartKind.Head, "l1-regression" },
        { typeof(DiffusionPlugin), PartKind.Head, "diffusion" },
        { typeof(FilmPlugin), PartKind.Conditioning, "film" },
        { typeof(NoConditioningPlugin), PartKind.Conditioning, "none" },
    };

    public static TheoryData<string> HeadNames => new() { "discrete-tokens", "l1-regression", "diffusion" };

    private static ServiceProvider Provider(params Type[] plugins)
    {
        var services = new ServiceCollection();
        foreach (var type in plugins) ((IVlaPlugin)Activator.CreateInstance(type)!).Register(services);
        return services.BuildServiceProvider();
    }

    private static ServiceProvider All() => Provider(Plugins.Select(row => (Type)row[0]).ToArray());

    [Theory]
    [MemberData(nameof(Plugins))]
    public void Plugin_registers_exactly_one_named_part_and_its_keyed_factory(Type plugin, PartKind kind, string name)
    {
        plugin.IsPublic.Should().BeTrue("the host instantiates the entry point by reflection");
        plugin.GetConstructor(Type.EmptyTypes).Should().NotBeNull();
        plugin.Assembly.GetTypes().Count(t => typeof(IVlaPlugin).IsAssignableFrom(t)).Should().Be(1);

        using var provider = Provider(plugin);
        var registration = provider.GetServices<PartRegistration>().Should().ContainSingle().Subject;
        registration.Kind.Should().Be(kind);
        registration.Name.Should().Be(name);
        registration.Description.Should().NotBeNullOrWhiteSpace();
        registration.Assembly.Should().Be(plugin.Assembly.GetName().Name);

        IPartFactory factory = kind switch
        {
            PartKind.Decoder => provider.GetRequiredKeyedService<IDecoderFactory>(name),
            PartKind.Head => provider.GetRequiredKeyedService<IActionHeadFactory>(name),
            _ => provider.GetRequiredKeyedService<IConditioningFactory>(name),
        };
        factory.Description.Should().Be(registration.Description);
        factory.GetType().Assembly.Should().BeSameAs(plugin.Assembly);
    }

    [Fact]
    public void All_plugins_together_register_seven_distinct_parts()
    {
        using var provider = All();
        provider.GetServices<PartRegistration>().Select(r => r.Name).Should().BeEquivalentTo(
            ["autoregressive", "parallel", "discrete-tokens", "l1-regression", "diffusion", "film", "none"]);
    }

    [Theory]
    [MemberData(nameof(Plugins))]
    public void Unknown_options_are_refused_naming_the_field(Type plugin, PartKind kind, string name)
    {
        using var provider = Provider(plugin);
        var field = kind switch { PartKind.Decoder => "decoder_options", PartKind.Head => "head_options", _ => "conditioning_options" };
        var options = TestUtil.Options(field, ("no_such_option", 1));
        Action create = kind switch
        {
            PartKind.Decoder => () => provider.GetRequiredKeyedService<IDecoderFactory>(name).Create(options),
            PartKind.Head => () => provider.GetRequiredKeyedService<IActionHeadFactory>(name)
                .Create(new HeadContext(Width, Chunk), options),
            _ => () => provider.GetRequiredKeyedService<IConditioningFactory>(name).Create(new ConditioningContext(2, 8, 8), options),
        };
        var error = create.Should().Throw<RecipeException>().Which;
        error.Field.Should().Be($"{field}.no_such_option");
        error.Message.Should().Contain($"{field}.no_such_option");
    }

    [Theory]
    [MemberData(nameof(HeadNames))]
    public void Each_head_creates_trains_and_predicts_with_the_right_shapes(string name)
    {
        manual_seed(60);
        using var provider = All();
        var factory = provider.GetRequiredKeyedService<IActionHeadFactory>(name);
        var head = factory.Create(new HeadContext(Width, Chunk), PartOptions.Empty("head_options"));
        TestUtil.ParameterCount(head).Should().BeGreaterThan(0);
        (head is ITokenActionHead).Should().Be(factory.EmitsTokens);
        head.SlotCount.Should().Be(Chunk.K * Chunk.D);

        var backbone = new TinyBackbone(Width);
        var decoder = provider.GetRequiredKeyedService<IDecoderFactory>("parallel").Create(PartOptions.Empty("decoder_options"));
        var prefix = randn(2, 3, Width);
        using var inputs = head.PrepareTraining(rand(2, Chunk.K, Chunk.D) * 2 - 1, new Generator(1));
        var hidden = decoder.TrainingHidden(backbone, prefix, head, inputs);
        hidden.shape.Should().Equal(2, head.SlotCount, Width);
        var loss = head.Loss(hidden, inputs);
        loss.shape.Should().BeEmpty("the loss is a scalar");
        float.IsFinite(loss.item<float>()).Should().BeTrue();
        loss.backward();
        head.parameters().Any(p => p.grad is not null).Should().BeTrue("the loss reaches the head's weights");

        using var _ = no_grad();
        var chunk = decoder.Predict(backbone, prefix, head);
        chunk.shape.Should().Equal(2, Chunk.K, Chunk.D);
        TestUtil.Floats(chunk).Should().OnlyContain(v => v >= -1 && v <= 1);
    }

    [Theory]
    [InlineData("autoregressive")]
    [InlineData("parallel")]
    public void Each_decoder_drives_the_token_head(string name)
    {
        manual_seed(61);
        using var provider = All();
        var factory = provider.GetRequiredKeyedService<IDecoderFactory>(name);
        var decoder = factory.Create(PartOptions.Empty("decoder_options"));
        var head = provider.GetRequiredKeyedService<IActionHeadFactory>("discrete-tokens")
            .Create(new HeadContext(Width, Chunk), PartOptions.Empty("head_options"));
        factory.RequiresTokenHead.Should().Be(name == "autoregressive");
        decoder.ForwardsPerChunk(head).Should().Be(name == "autoregressive" ? Chunk.K * Chunk.D : 1);

        var backbone = new TinyBackbone(Width);
        var prefix = randn(2, 3, Width);
        using var _ = no_grad();
        using var inputs = head.PrepareTraining(rand(2, Chunk.K, Chunk.D) * 2 - 1, null);
        decoder.TrainingHidden(backbone, prefix, head, inputs).shape.Should().Equal(2, Chunk.K * Chunk.D, Width);
        decoder.Predict(backbone, prefix, head).shape.Should().Equal(2, Chunk.K, Chunk.D);
    }

    [Theory]
    [InlineData("film")]
    [InlineData("none")]
    public void Each_conditioning_keeps_the_shape_of_x(string name)
    {
        manual_seed(62);
        using var provider = All();
        var module = provider.GetRequiredKeyedService<IConditioningFactory>(name)
            .Create(new ConditioningContext(2, 8, 12), PartOptions.Empty("conditioning_options"));
        module.Modulate(1, randn(2, 5, 8), randn(2, 12)).shape.Should().Equal(2, 5, 8);
        module.Modulate(0, randn(2, 8, 3, 3), randn(2, 12)).shape.Should().Equal(2, 8, 3, 3);
    }

    [Theory]
    [InlineData("L1 Head")]
    [InlineData("")]
    [InlineData("L1-regression")]
    [InlineData("1head")]
    [InlineData("l1_regression")]
    [InlineData("-head")]
    public void Invalid_part_names_are_refused_at_registration(string name)
    {
        var services = new ServiceCollection();
        var act = () => services.AddHead<L1RegressionHeadFactory>(name);
        act.Should().Throw<ArgumentException>().WithMessage("*invalid*");
        services.Should().BeEmpty("nothing is registered under a bad name");
    }

    [Fact]
    public void A_valid_custom_name_registers()
    {
        var services = new ServiceCollection();
        services.AddHead<L1RegressionHeadFactory>("my-head2");
        using var provider = services.BuildServiceProvider();
        provider.GetRequiredKeyedService<IActionHeadFactory>("my-head2").Should().BeOfType<L1RegressionHeadFactory>();
    }
}
