using Vla.Sim.Engine;
using Vla.Sim.Evaluation;
using Vla.Sim.Expert;
using Vla.Sim.Scene;
using Vla.Sim.Tasks;

namespace Vla.Sim.Tests;

public class OutcomeTrackerTests
{
    private static readonly SceneSpec Scene = new(
        [ObjectSpec.Cube("c", "cube", "1 0 0 1"), ObjectSpec.Cylinder("y", "cylinder", "1 1 0 1")],
        [FixtureSpec.Plate(), FixtureSpec.Basket()]);

    private static readonly Dictionary<string, Vec3> Fixtures = new() { ["plate"] = new(-0.1, 0.1, 0), ["basket"] = new(0.1, 0.1, 0) };
    private static readonly Vec3 CubeStart = new(-0.05, -0.05, 0.02), CylinderStart = new(0.05, -0.05, 0.025);
    private static readonly Vec3 OnPlate = new(-0.1, 0.1, 0.028), InBasket = new(0.1, 0.1, 0.026);

    private static SimTask Task(params PlaceGoal[] goals) =>
        new(new SimTaskInfo("t", "t", "put it there", 100), Scene, goals, _ => throw new NotSupportedException());

    private static WorldState World(Vec3 cube, Vec3 cylinder) => new(new Dictionary<string, Vec3> { ["c"] = cube, ["y"] = cylinder }, Fixtures);

    private static readonly WorldState Start = World(CubeStart, CylinderStart);

    /// <summary>Replays (gripper, grip point, cube, cylinder) steps and judges the last state.</summary>
    private static (EpisodeOutcome, int) Replay(SimTask task, bool stopped, params (float Grip, Vec3 At, Vec3 Cube, Vec3 Cylinder)[] steps)
    {
        var tracker = new OutcomeTracker(task, Start);
        foreach (var s in steps) tracker.Step(s.Grip, s.At, World(s.Cube, s.Cylinder));
        var last = steps.Length > 0 ? World(steps[^1].Cube, steps[^1].Cylinder) : Start;
        return tracker.Judge(last, stopped);
    }

    private static Vec3 Up(Vec3 p) => p with { Z = p.Z + 0.1 };

    private static readonly SimTask CubeOnPlate = Task(new PlaceGoal("c", "plate"));

    [Fact]
    public void Closing_at_the_other_object_is_a_wrong_object()
    {
        Replay(CubeOnPlate, false, (-1, Up(CylinderStart), CubeStart, CylinderStart), (1, CylinderStart, CubeStart, CylinderStart))
            .Should().Be((EpisodeOutcome.WrongObject, 0));
    }

    [Fact]
    public void Lifting_the_other_object_is_a_wrong_object_even_after_closing_on_air()
    {
        var air = new Vec3(0, 0.2, 0.1);
        Replay(CubeOnPlate, false, (1, air, CubeStart, CylinderStart), (-1, air, CubeStart, CylinderStart),
                (1, CylinderStart, CubeStart, CylinderStart), (1, Up(CylinderStart), CubeStart, Up(CylinderStart)))
            .Should().Be((EpisodeOutcome.WrongObject, 0));
    }

    [Fact]
    public void Closing_only_out_of_reach_of_every_object_is_closed_in_air()
    {
        var air = new Vec3(0, 0.2, 0.1);
        Replay(CubeOnPlate, false, (1, air, CubeStart, CylinderStart), (-1, air, CubeStart, CylinderStart), (1, Up(CubeStart), CubeStart, CylinderStart))
            .Should().Be((EpisodeOutcome.ClosedInAir, 0));
        // A later close within reach of the named object makes it a missed grasp.
        Replay(CubeOnPlate, false, (1, air, CubeStart, CylinderStart), (-1, air, CubeStart, CylinderStart), (1, CubeStart, CubeStart, CylinderStart))
            .Should().Be((EpisodeOutcome.MissedGrasp, 0));
    }

    [Fact]
    public void Closing_at_the_named_object_without_lifting_it_is_a_missed_grasp()
    {
        // Pushed 2 cm up a neighbour's side is not a lift (LiftHeight is 3 cm).
        Replay(CubeOnPlate, false, (1, CubeStart, CubeStart, CylinderStart), (1, CubeStart, CubeStart with { Z = 0.04 }, CylinderStart))
            .Should().Be((EpisodeOutcome.MissedGrasp, 0));
    }

    [Fact]
    public void The_named_object_in_the_other_fixture_is_a_wrong_place_and_on_the_table_not_placed()
    {
        var lift = (1f, Up(CubeStart), Up(CubeStart), CylinderStart);
        Replay(CubeOnPlate, false, (1, CubeStart, CubeStart, CylinderStart), lift, (-1, Up(InBasket), InBasket, CylinderStart))
            .Should().Be((EpisodeOutcome.WrongPlace, 0));
        Replay(CubeOnPlate, false, (1, CubeStart, CubeStart, CylinderStart), lift, (-1, Up(CubeStart), CubeStart, CylinderStart))
            .Should().Be((EpisodeOutcome.NotPlaced, 0));
    }

    [Fact]
    public void Never_closing_is_no_grasp_and_meeting_the_goal_is_success()
    {
        Replay(CubeOnPlate, false, (-1, Up(CubeStart), CubeStart, CylinderStart)).Should().Be((EpisodeOutcome.NoGrasp, 0));
        Replay(CubeOnPlate, false, (1, CubeStart, CubeStart, CylinderStart), (1, Up(CubeStart), Up(CubeStart), CylinderStart),
            (-1, Up(OnPlate), OnPlate, CylinderStart)).Should().Be((EpisodeOutcome.Success, 1));
    }

    [Fact]
    public void An_early_stop_is_stopped_unless_the_goal_is_met()
    {
        Replay(CubeOnPlate, true).Should().Be((EpisodeOutcome.Stopped, 0));
    }

    [Fact]
    public void A_long_task_is_judged_on_the_goal_it_failed_on()
    {
        var both = Task(new PlaceGoal("c", "basket"), new PlaceGoal("y", "plate"));
        var firstDone = new (float, Vec3, Vec3, Vec3)[]
        {
            (1, CubeStart, CubeStart, CylinderStart), (1, Up(CubeStart), Up(CubeStart), CylinderStart),
            (-1, Up(InBasket), InBasket, CylinderStart),
        };
        // Stage 1 (cube in the basket): closing at the cube again is a wrong object for the cylinder goal ...
        Replay(both, false, [.. firstDone, (1, InBasket, InBasket, CylinderStart)]).Should().Be((EpisodeOutcome.WrongObject, 1));
        // ... closing at the cylinder without lifting it a missed grasp: the stage-0 close at the cube does not count.
        Replay(both, false, [.. firstDone, (1, CylinderStart, InBasket, CylinderStart)]).Should().Be((EpisodeOutcome.MissedGrasp, 1));
        // Going for the cylinder first fails the first goal with a wrong object.
        Replay(both, false, (1, CylinderStart, CubeStart, CylinderStart), (1, Up(CylinderStart), CubeStart, Up(CylinderStart)))
            .Should().Be((EpisodeOutcome.WrongObject, 0));
    }

    /// <summary>Drives one task's scripted expert while the episode is judged on another task of the same scene.</summary>
    private sealed class ExpertOf(SimEnv env, SimTask task, int seed) : IChunkPolicy
    {
        private readonly ScriptedExpert _expert = new(task, seed);

        public float[][] PredictChunk(SimObservation observation) => [_expert.Act(env)];
    }

    [Theory]
    [InlineData("put_red_cube_plate", EpisodeOutcome.Success)]
    [InlineData("put_blue_cylinder_plate", EpisodeOutcome.WrongObject)]
    [InlineData("put_red_cube_basket", EpisodeOutcome.WrongPlace)]
    public void Simulated_episodes_are_named_by_what_the_gripper_did(string expertTask, EpisodeOutcome expected)
    {
        var judged = SimCatalog.Find("goal", "put_red_cube_plate");
        using var env = new SimEnv(32, 32);
        env.Load(judged);
        const int seed = 5;
        var record = EpisodeRunner.Run(env, judged, seed, new ExpertOf(env, SimCatalog.Find("goal", expertTask), seed), frames: null,
            SimCatalog.SuiteTasks("goal"));
        record.Outcome.Should().Be(expected);
        record.Success.Should().Be(expected == EpisodeOutcome.Success);
        record.GoalsDone.Should().Be(expected == EpisodeOutcome.Success ? 1 : 0);
        record.Tipped.Should().BeEmpty("the expert's grasps, even of the cylinder, keep it upright");
        record.FollowedTask.Should().Be(expected == EpisodeOutcome.Success ? null : expertTask, "the goal suite's tasks share one scene");
        if (expected == EpisodeOutcome.WrongObject) record.Grasp.Should().BeNull("it never closed at the red cube");
        else
        {
            // The expert closes at GraspZ (3 cm) over the cube's centre (2 cm high), waits 7-9 steps, then lifts.
            var g = record.Grasp!;
            g.HorizontalMm.Should().BeLessThan(8);
            g.HeightMm.Should().BeInRange(5, 15);
            g.StepsBeforeLift.Should().BeInRange(7, 14);
        }
    }

    [Theory]
    [InlineData("blue_cylinder_basket_then_red_cube_plate", 0)]        // the mirror pair: the same words in the other order
    [InlineData("red_cube_basket_then_green_cube_basket", 1)]          // the same first goal, then another object
    public void A_long_episode_that_carried_out_its_mirror_instruction_is_named(string expertTask, int goalsDone)
    {
        var judged = SimCatalog.Find("long", "red_cube_basket_then_blue_cylinder_plate");
        using var env = new SimEnv(32, 32);
        env.Load(judged);
        var record = EpisodeRunner.Run(env, judged, 3, new ExpertOf(env, SimCatalog.Find("long", expertTask), 3), frames: null,
            SimCatalog.SuiteTasks("long"));
        record.Success.Should().BeFalse();
        record.GoalsDone.Should().Be(goalsDone);
        record.FollowedTask.Should().Be(expertTask, "the other task met both its goals, more than the judged one");
    }

    [Fact]
    public void Tilt_is_the_angle_between_the_body_and_world_up_axes()
    {
        Rotation.TiltDegrees(Rotation.YawQuat(1.2)).Should().BeApproximately(0, 1e-9, "a yaw keeps the body upright");
        double h = Math.Sqrt(0.5);
        Rotation.TiltDegrees([h, h, 0, 0]).Should().BeApproximately(90, 1e-9, "90 degrees about x lays it on its side");
        Rotation.TiltDegrees([Math.Cos(Math.PI / 6), 0, Math.Sin(Math.PI / 6), 0]).Should().BeApproximately(60, 1e-9);
        Rotation.TiltDegrees([0, 1, 0, 0]).Should().BeApproximately(180, 1e-9);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.7)]
    [InlineData(1.5707963)]
    public void A_lying_quaternion_points_the_body_axis_along_its_heading(double yaw)
    {
        var q = Rotation.LyingQuat(yaw);
        q.Sum(v => v * v).Should().BeApproximately(1, 1e-12);
        Rotation.TiltDegrees(q).Should().BeApproximately(90, 1e-9);
        // The body's z axis in the world: the third column of the rotation matrix.
        double w = q[0], x = q[1], y = q[2], z = q[3];
        (2 * (x * z + w * y)).Should().BeApproximately(Math.Cos(yaw), 1e-9);
        (2 * (y * z - w * x)).Should().BeApproximately(Math.Sin(yaw), 1e-9);
    }

    [Fact]
    public void A_cylinder_leaning_past_60_degrees_has_tipped()
    {
        var tracker = new OutcomeTracker(CubeOnPlate, Start);
        tracker.Tilts([("y", 10)], Start);
        tracker.Tipped.Should().BeEmpty();
        tracker.FirstTipGoal.Should().BeNull();
        // Lying on the basket floor (centre one radius, 2 cm, above it) is where a drop into the basket ends: not a tip.
        tracker.Tilts([("y", 88)], World(CubeStart, InBasket));
        tracker.Tipped.Should().BeEmpty();
        tracker.Tilts([("y", 85)], Start);
        tracker.Tilts([("y", 5)], Start);                                 // stood up again: it still tipped once
        tracker.Tipped.Should().Equal("y");
        tracker.FirstTipGoal.Should().Be(1, "it tipped while the episode worked on its first goal");
    }

    [Theory]
    [InlineData("blue_cylinder_basket_then_yellow_cylinder_basket")]
    [InlineData("green_cube_plate_then_yellow_cylinder_basket")]
    public void The_expert_tips_no_cylinder(string task)
    {
        // The premise of "tipped": the demonstrations never show a cylinder lying on the table.
        var judged = SimCatalog.Find("long", task);
        using var env = new SimEnv(32, 32);
        env.Load(judged);
        var tipped = new List<string>();
        for (int seed = 0; seed < 10; seed++)
        {
            var record = EpisodeRunner.Run(env, judged, seed, new ExpertOf(env, judged, seed), frames: null);
            record.Success.Should().BeTrue();
            tipped.AddRange(record.Tipped.Select(t => $"seed {seed}: {t}"));
        }
        tipped.Should().BeEmpty();
    }

    [Fact]
    public void A_grasp_counts_the_steps_closed_before_the_arm_rises()
    {
        var tracker = new OutcomeTracker(CubeOnPlate, Start);
        var at = CubeStart with { X = CubeStart.X + 0.003, Z = 0.03 };
        tracker.Step(1, at, Start);                                       // closes 3 mm beside, 10 mm above the centre
        for (int i = 0; i < 4; i++) tracker.Step(1, at, Start);           // holds
        tracker.Step(1, at with { Z = 0.045 }, World(CubeStart with { Z = 0.035 }, CylinderStart));   // rises 1.5 cm
        tracker.FirstGrasp.Should().NotBeNull();
        tracker.FirstGrasp!.HorizontalMm.Should().BeApproximately(3, 1e-6);
        tracker.FirstGrasp.AcrossMm.Should().BeApproximately(0, 1e-6, "the offset is along x, the fingers' travel");
        tracker.FirstGrasp.HeightMm.Should().BeApproximately(10, 1e-6);
        tracker.FirstGrasp.StepsBeforeLift.Should().Be(5);

        var opened = new OutcomeTracker(CubeOnPlate, Start);
        opened.Step(1, at, Start);
        opened.Step(-1, at with { Z = 0.1 }, Start);                      // opens before lifting: no lift to count
        opened.FirstGrasp!.StepsBeforeLift.Should().BeNull();
    }
}
