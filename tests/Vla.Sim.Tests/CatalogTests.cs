namespace Vla.Sim.Tests;

public class CatalogTests
{
    [Fact]
    public void Four_suites_with_at_least_five_tasks_each()
    {
        SimCatalog.Suites.Should().BeEquivalentTo(["spatial", "object", "goal", "long"]);
        foreach (var suite in SimCatalog.Suites)
        {
            var tasks = SimCatalog.Tasks(suite);
            tasks.Count.Should().BeGreaterThanOrEqualTo(5, suite);
            tasks.Select(t => t.Name).Should().OnlyHaveUniqueItems();
            tasks.Select(t => t.Instruction).Should().OnlyHaveUniqueItems();
            tasks.Should().OnlyContain(t => t.Suite == suite && t.MaxSteps > 0);
        }
    }

    [Fact]
    public void Unknown_suite_lists_valid_suites()
    {
        var act = () => SimCatalog.Tasks("nope");
        act.Should().Throw<ArgumentException>().Which.Message
            .Should().Contain("nope").And.Contain("spatial").And.Contain("object").And.Contain("goal").And.Contain("long");
    }

    [Fact]
    public void Unknown_task_lists_the_suites_tasks()
    {
        var act = () => SimCatalog.Task("goal", "fly_to_the_moon");
        var e = act.Should().Throw<UnknownSimNameException>().Which;
        e.Message.Should().Contain("fly_to_the_moon").And.Contain("put_red_cube_plate");
        e.ValidNames.Should().HaveCount(SimCatalog.Tasks("goal").Count);
    }

    [Fact]
    public void Goal_suite_tasks_share_one_scene()
    {
        var scenes = SimCatalog.SuiteTasks("goal").Select(t => t.Xml(64, 64)).Distinct();
        scenes.Should().HaveCount(1);
    }

    [Fact]
    public void Initial_states_are_seed_deterministic()
    {
        foreach (var suite in SimCatalog.Suites)
            foreach (var task in SimCatalog.SuiteTasks(suite))
            {
                task.InitialState(3).Poses.Should().BeEquivalentTo(task.InitialState(3).Poses);
                task.InitialState(3).Poses.Should().NotBeEquivalentTo(task.InitialState(4).Poses);
            }
    }
}
