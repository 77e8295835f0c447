using Vla.Abstractions;

namespace Vla.Data;

/// <summary>What to read from a LIBERO/robomimic HDF5 dataset and how.</summary>
/// <param name="Cameras">camera names without the `_rgb`/`_image` suffix (e.g. agentview, eye_in_hand); null reads every camera found</param>
/// <param name="ProprioKeys">`obs/` datasets concatenated, in this order, into the proprio vector; null means
/// <see cref="DefaultProprioKeys"/> (those present)</param>
/// <param name="Instruction">overrides the file's instruction (problem_info, else the file name)</param>
/// <param name="ImageSize">frames are resized to ImageSize x ImageSize while reading (area filter); null keeps the stored size</param>
/// <param name="ProprioDefaults">the keys read (those present) when neither ProprioKeys nor the file names any; null means
/// <see cref="DefaultProprioKeys"/> (LIBERO's); robomimic files use <see cref="RobomimicProprioKeys"/></param>
public sealed record LiberoReadOptions(
    IReadOnlyList<string>? Cameras = null,
    IReadOnlyList<string>? ProprioKeys = null,
    string? Instruction = null,
    int? ImageSize = null,
    IReadOnlyList<string>? ProprioDefaults = null)
{
    /// <summary>LIBERO's 8-D proprio: end-effector position (3), orientation (3), gripper finger positions (2).</summary>
    public static readonly IReadOnlyList<string> DefaultProprioKeys = ["ee_pos", "ee_ori", "gripper_states"];

    /// <summary>robomimic's: end-effector position (3), quaternion (4), gripper finger positions (2).</summary>
    public static readonly IReadOnlyList<string> RobomimicProprioKeys = ["robot0_eef_pos", "robot0_eef_quat", "robot0_gripper_qpos"];

    /// <summary>Throws naming the bad property.</summary>
    public LiberoReadOptions Validate()
    {
        if (Cameras is { Count: 0 })
            throw new VlaException("LiberoReadOptions.Cameras is empty", "name at least one camera, or pass null to read all");
        if (Cameras is not null && Cameras.Distinct().Count() != Cameras.Count)
            throw new VlaException($"LiberoReadOptions.Cameras has duplicates: {string.Join(", ", Cameras)}");
        if (ProprioKeys is not null && ProprioKeys.Distinct().Count() != ProprioKeys.Count)
            throw new VlaException($"LiberoReadOptions.ProprioKeys has duplicates: {string.Join(", ", ProprioKeys)}");
        if (ImageSize is < 1 or > 4096)
            throw new VlaException($"LiberoReadOptions.ImageSize must be in [1, 4096], got {ImageSize}");
        if (Instruction is not null && string.IsNullOrWhiteSpace(Instruction))
            throw new VlaException("LiberoReadOptions.Instruction is blank", "pass null to use the file's instruction");
        return this;
    }
}
