using System.Globalization;
using System.Text;

namespace Vla.Sim.Scene;

/// <summary>
/// Generates the MJCF for a table-top scene: table, mocap-welded two-finger gripper, two cameras,
/// free objects and mocap fixtures. Contact settings follow the verified pilot (elliptic cones,
/// impratio 10, condim 4, friction 1.5), which grasps a 4 cm cube stably.
/// </summary>
internal static class MjcfBuilder
{
    /// <summary>Finger travel per finger (metres); fully open = this, closed = 0.</summary>
    internal const double FingerOpen = 0.04;
    internal const double FingerHalfLength = 0.028;
    // 5 ms x 10 substeps per 20 Hz step: 2.5x cheaper than the pilot's 2 ms and the expert still succeeds on every
    // seed checked (physics ~0.4-0.6 ms per control step).
    internal const double Timestep = 0.005;

    // Collision groups: table (1) and fixtures (2) never touch each other; objects and fingers (3) touch both.
    private const string TableBits = "contype=\"1\" conaffinity=\"1\"";
    private const string FixtureBits = "contype=\"2\" conaffinity=\"2\"";
    private const string DynamicBits = "contype=\"3\" conaffinity=\"3\"";

    internal static string Build(SceneSpec scene, int offscreenWidth, int offscreenHeight)
    {
        var sb = new StringBuilder(8192);
        sb.Append(F($"""
            <mujoco model="vla_tabletop">
              <compiler angle="radian" autolimits="true"/>
              <option timestep="{Timestep}" cone="elliptic" impratio="10"/>
              <visual>
                <global offwidth="{offscreenWidth}" offheight="{offscreenHeight}"/>
                <quality shadowsize="0" offsamples="0" numslices="20" numstacks="2" numquads="1"/>
                <headlight ambient="0.45 0.45 0.45" diffuse="0.55 0.55 0.55" specular="0.1 0.1 0.1"/>
              </visual>
              <default>
                <geom condim="3" friction="1.5 0.005 0.0001"/>
              </default>
              <worldbody>
                <light pos="0.3 -0.4 1.5" dir="-0.2 0.25 -1" diffuse="0.45 0.45 0.45" castshadow="false"/>
                <geom name="floor" type="box" pos="0 0 -0.76" size="3 3 0.01" rgba="0.32 0.33 0.38 1" contype="0" conaffinity="0"/>
                <geom name="table" type="box" pos="0 0 -0.02" size="0.36 0.3 0.02" rgba="0.62 0.5 0.38 1" {TableBits}/>
                <camera name="agentview" {AgentviewCamera.MjcfAttributes}/>
                <body name="ee_target" mocap="true" pos="0 0 0.2"/>

            """));
        AppendGripper(sb);
        foreach (var o in scene.Objects) AppendObject(sb, o);
        foreach (var f in scene.Fixtures) AppendFixture(sb, f);
        sb.Append(F($"""
              </worldbody>
              <contact>
                <exclude body1="finger_l" body2="finger_r"/>
              </contact>
              <equality>
                <weld body1="ee_target" body2="hand" solref="0.01 1"/>
              </equality>
              <actuator>
                <position name="finger_l" joint="finger_l" kp="300" ctrlrange="0 {FingerOpen}" forcerange="-15 15"/>
                <position name="finger_r" joint="finger_r" kp="300" ctrlrange="0 {FingerOpen}" forcerange="-15 15"/>
              </actuator>
            </mujoco>
            """));
        return sb.ToString();
    }

    // The hand origin is the grip point between the finger pads; the ee "grip" site marks it.
    private static void AppendGripper(StringBuilder sb) => sb.Append(F($"""
            <body name="hand" pos="0 0 0.2">
              <freejoint name="hand"/>
              <site name="grip" pos="0 0 0" size="0.004" rgba="1 0 0 0"/>
              <geom name="palm" type="box" pos="0 0 0.04" size="0.065 0.018 0.01" rgba="0.2 0.2 0.24 1" mass="0.3" {DynamicBits}/>
              <geom name="wrist" type="cylinder" pos="0 0 0.075" size="0.022 0.025" rgba="0.75 0.75 0.78 1" mass="0.1" contype="0" conaffinity="0"/>
              <camera name="eye_in_hand" pos="0 -0.06 0.055" euler="0.45 0 0" fovy="75"/>
              <body name="finger_l">
                <joint name="finger_l" type="slide" axis="1 0 0" range="0 {FingerOpen}" damping="5" armature="0.01"/>
                <geom type="box" pos="0.006 0 0" size="0.006 0.012 {FingerHalfLength}" rgba="0.85 0.85 0.88 1" mass="0.05" condim="4" {DynamicBits}/>
              </body>
              <body name="finger_r">
                <joint name="finger_r" type="slide" axis="-1 0 0" range="0 {FingerOpen}" damping="5" armature="0.01"/>
                <geom type="box" pos="-0.006 0 0" size="0.006 0.012 {FingerHalfLength}" rgba="0.85 0.85 0.88 1" mass="0.05" condim="4" {DynamicBits}/>
              </body>
            </body>

        """));

    private static void AppendObject(StringBuilder sb, ObjectSpec o)
    {
        sb.Append(F($"    <body name=\"{o.Name}\" pos=\"0 0 {o.Hz}\">\n      <freejoint name=\"{o.Name}\"/>\n"));
        if (o.Shape == ShapeKind.Box)
        {
            sb.Append(F($"      <geom name=\"{o.Name}\" type=\"box\" size=\"{o.Hx} {o.Hy} {o.Hz}\" rgba=\"{o.Rgba}\" {DynamicBits}/>\n"));
        }
        else
        {
            // 2.2.2 collides cylinders through libccd with a single contact point, so a dropped cylinder rocks
            // and rolls away. Collide as an octagonal prism (two boxes, hidden group 3); show the cylinder.
            double a = o.Hx * 0.96;
            sb.Append(F($"      <geom name=\"{o.Name}\" type=\"cylinder\" size=\"{o.Hx} {o.Hz}\" rgba=\"{o.Rgba}\" contype=\"0\" conaffinity=\"0\" density=\"0\"/>\n"));
            sb.Append(F($"      <geom type=\"box\" size=\"{a} {a} {o.Hz}\" group=\"3\" density=\"700\" {DynamicBits}/>\n"));
            sb.Append(F($"      <geom type=\"box\" size=\"{a} {a} {o.Hz}\" euler=\"0 0 0.785398\" group=\"3\" density=\"700\" {DynamicBits}/>\n"));
        }
        sb.Append("    </body>\n");
    }

    private static void AppendFixture(StringBuilder sb, FixtureSpec f)
    {
        sb.Append(F($"    <body name=\"{f.Name}\" mocap=\"true\" pos=\"0 0 0\">\n"));
        switch (f.Kind)
        {
            case FixtureKind.Plate:
                // Collide as a square slab: cylinder-on-cylinder contacts (libccd, one point) let dropped cylinders roll off.
                sb.Append(F($"      <geom type=\"cylinder\" size=\"{FixtureSpec.PlateRadius} {FixtureSpec.PlateHalfHeight}\" pos=\"0 0 {FixtureSpec.PlateHalfHeight}\" rgba=\"{f.Rgba}\" contype=\"0\" conaffinity=\"0\"/>\n"));
                sb.Append(F($"      <geom type=\"box\" size=\"{FixtureSpec.PlateSlabHalf} {FixtureSpec.PlateSlabHalf} {FixtureSpec.PlateHalfHeight}\" pos=\"0 0 {FixtureSpec.PlateHalfHeight}\" group=\"3\" {FixtureBits}/>\n"));
                break;
            case FixtureKind.Basket:
                AppendBasket(sb, f.Rgba);
                break;
            default:
                Geom(sb, "cylinder", $"{FixtureSpec.BowlRadius} {FixtureSpec.BowlHalfHeight}", $"0 0 {FixtureSpec.BowlHalfHeight}", f.Rgba);
                sb.Append(F($"      <geom type=\"cylinder\" size=\"{FixtureSpec.BowlRadius - 0.008} 0.001\" pos=\"0 0 {2 * FixtureSpec.BowlHalfHeight + 0.001}\" rgba=\"0.12 0.3 0.33 1\" contype=\"0\" conaffinity=\"0\"/>\n"));
                break;
        }
        sb.Append("    </body>\n");
    }

    private static void AppendBasket(StringBuilder sb, string rgba)
    {
        const double h = FixtureSpec.BasketHalf, t = FixtureSpec.BasketWall / 2, wh = FixtureSpec.BasketWallHeight / 2;
        Geom(sb, "box", $"{h} {h} {FixtureSpec.BasketFloor / 2}", $"0 0 {FixtureSpec.BasketFloor / 2}", rgba);
        foreach (int s in new[] { -1, 1 })
        {
            Geom(sb, "box", $"{t} {h} {wh}", $"{s * (h - t)} 0 {wh}", rgba);
            Geom(sb, "box", $"{h} {t} {wh}", $"0 {s * (h - t)} {wh}", rgba);
        }
    }

    private static void Geom(StringBuilder sb, string type, FormattableString size, FormattableString pos, string rgba) =>
        sb.Append(F($"      <geom type=\"{type}\" size=\"{F(size)}\" pos=\"{F(pos)}\" rgba=\"{rgba}\" {FixtureBits}/>\n"));

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
