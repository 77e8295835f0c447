namespace Vla.Sim;

/// <summary>
/// The first grasp an episode aimed at the object its first goal names: where the grip point was, relative to the
/// object's centre, when the gripper closed, and how many control steps it stayed closed before lifting (the scripted
/// expert waits 7-9). AcrossMm is the part of the horizontal offset across the fingers' travel (world y; the fingers
/// close along x, so an offset along x is swept to the centre, one across it closes beside the object). StepsBeforeLift
/// is null when the gripper never rose 1 cm while closed.
/// </summary>
public sealed record GraspMeasure(double HorizontalMm, double AcrossMm, double HeightMm, int? StepsBeforeLift);
