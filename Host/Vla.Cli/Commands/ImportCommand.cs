using System.CommandLine;
using Vla.Data;

namespace Vla.Cli.Commands;

/// <summary>`vla import`: another layout -> our canonical LIBERO-layout dataset, written atomically.</summary>
internal static class ImportCommand
{
    public static Command Create()
    {
        var format = FormatOption.Create("layout of the input");
        format.Required = true;
        var input = new Option<string>("--in") { Description = "input folder (or one .hdf5 file)", Required = true };
        var output = new Option<string>("--out") { Description = "dataset folder to create (must not exist, or be empty)", Required = true };
        var instruction = new Option<string?>("--instruction")
        {
            Description = "language instruction for every episode (default: the file's; for ALOHA the folder name, '_' as spaces)",
        };
        var cameras = new Option<string[]?>("--cameras")
        {
            Description = "cameras to keep (LIBERO: obs/<camera>_rgb or _image without the suffix; ALOHA: observations/images/<camera>); default: all",
            AllowMultipleArgumentsPerToken = true,
        };
        var proprioKeys = new Option<string[]?>("--proprio-keys")
        {
            Description = "LIBERO/robomimic obs/ keys concatenated into proprio, in order (default: ee_pos ee_ori gripper_states, " +
                          "robomimic: robot0_eef_pos robot0_eef_quat robot0_gripper_qpos; those present)",
            AllowMultipleArgumentsPerToken = true,
        };
        var imageSize = new Option<int?>("--image-size") { Description = "resize frames to N x N while reading (area filter); default: keep" };
        var json = CommonOptions.Json();
        var command = new Command("import", """
            convert a dataset into ours: LIBERO-layout HDF5, one <instruction>_demo.hdf5 per instruction, plus
            dataset_statistics.json. Atomic: written into a temp folder beside --out and renamed at the end, so a
            failed import leaves nothing. Train on the result with `vla train --data OUT`.
            example: vla import --format aloha-hdf5 --in sim_transfer_cube --out data/transfer_cube --image-size 128 --json
            """) { format, input, output, instruction, cameras, proprioKeys, imageSize, json };
        command.SetAction(parse => CommandRunner.Guard(() =>
        {
            var chosen = DatasetFormats.Parse(parse.GetValue(format)!);
            // An absent list option parses as empty: empty means "the format's default", as null does.
            var options = new DatasetReadOptions(NullIfEmpty(parse.GetValue(cameras)), parse.GetValue(instruction), parse.GetValue(imageSize),
                NullIfEmpty(parse.GetValue(proprioKeys)));
            var result = DatasetImport.Run(parse.GetValue(input)!, chosen, options, parse.GetValue(output)!);
            var framesPerSecond = result.Frames / Math.Max(result.Seconds, 1e-9);
            if (parse.GetValue(json))
                JsonOutput.Write(new
                {
                    format = DatasetFormats.Name(chosen), episodes = result.Episodes, frames = result.Frames,
                    frames_per_s = Math.Round(framesPerSecond, 1), @out = result.Out,
                });
            else
                Console.WriteLine($"imported {result.Episodes} episodes, {result.Frames} frames ({framesPerSecond:F0} frames/s) " +
                                  $"into {result.Files.Count} file(s) -> {result.Out}");
            return 0;
        }));
        return command;
    }

    private static string[]? NullIfEmpty(string[]? values) => values is { Length: > 0 } ? values : null;
}
