namespace Vla.Sim.Tasks;

/// <summary>
/// "Object ends up on/in fixture". SlotY shifts the expert's drop point inside the fixture so two objects
/// placed in one basket do not land on each other (the success test ignores it).
/// </summary>
internal sealed record PlaceGoal(string Object, string Fixture, double SlotY = 0);
