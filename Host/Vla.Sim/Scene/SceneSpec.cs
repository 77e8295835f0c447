namespace Vla.Sim.Scene;

/// <summary>What is on the table: graspable objects and static fixtures.</summary>
internal sealed record SceneSpec(IReadOnlyList<ObjectSpec> Objects, IReadOnlyList<FixtureSpec> Fixtures)
{
    internal ObjectSpec Object(string name) => Objects.First(o => o.Name == name);
    internal FixtureSpec Fixture(string name) => Fixtures.First(f => f.Name == name);
}
