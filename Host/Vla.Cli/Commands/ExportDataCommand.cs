using System.CommandLine;
using System.Diagnostics;
using Vla.Data;
using Vla.Data.LeRobot;

namespace Vla.Cli.Commands;

/// <summary>`vla export-data`: any dataset we read -> another ecosystem's layout (LeRobot v3.0), written atomically.</summary>
internal static class ExportDataCommand
{
    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "dataset folder to read (LIBERO/robomimic/ALOHA HDF5 or LeRobot; detected)", Required = true };
        var format = new Option<string>("--format") { Description = "layout to write", Required = true };
        format.AcceptOnlyFromAmong("lerobot");
        var output = new Option<string>("--out") { Description = "dataset folder to create (must not exist, or be empty)", Required = true };
        var dataFormat = new Option<string?>("--data-format") { Description = "layout of --data (default: detected)" };
        dataFormat.AcceptOnlyFromAmong([.. DatasetFormats.Names]);
        var fps = new Option<int>("--fps") { Description = "frames per second of the data (timestamps are frame/fps)", DefaultValueFactory = _ => 20 };
        var cameras = new Option<string[]?>("--cameras") { Description = "cameras to keep (default: all)", AllowMultipleArgumentsPerToken = true };
        var instruction = new Option<string?>("--instruction") { Description = "task text for every episode (default: each episode's own)" };
        var imageSize = new Option<int?>("--image-size") { Description = "resize frames to N x N while reading (area filter); default: keep" };
        var robotType = new Option<string?>("--robot-type") { Description = "info.json's robot_type (e.g. panda); default: unset" };
        var json = CommonOptions.Json();
        var command = new Command("export-data", """
            write a dataset in another layout so other tools can train on it. lerobot: LeRobot v3.0 (meta/info.json,
            stats.json, tasks and episode Parquet, data Parquet, one lossless H.264 mp4 per camera), readable by LeRobot
            and by `vla train --data OUT`. Needs ffmpeg for the videos. Atomic: written into a temp folder beside --out
            and renamed at the end, so a failed export leaves nothing.
            example: vla export-data --data data/libero_demos --format lerobot --out exports/libero_lerobot --fps 20 --json
            """) { data, format, output, dataFormat, fps, cameras, instruction, imageSize, robotType, json };
        command.SetAction(parse => CommandRunner.Guard(() =>
        {
            var clock = Stopwatch.StartNew();
            var path = parse.GetValue(data)!;
            var input = FormatOption.Resolve(parse.GetValue(dataFormat), path);
            var chosenCameras = parse.GetValue(cameras) is { Length: > 0 } c ? c : null;   // absent parses as empty
            var episodes = DatasetReader.Read(path, input, new DatasetReadOptions(chosenCameras, parse.GetValue(instruction), parse.GetValue(imageSize)));
            var result = LeRobotWriter.Write(episodes, parse.GetValue(output)!, new LeRobotWriteOptions(parse.GetValue(fps), parse.GetValue(robotType)));
            var seconds = clock.Elapsed.TotalSeconds;
            if (parse.GetValue(json))
                JsonOutput.Write(new
                {
                    format = "lerobot", data_format = DatasetFormats.Name(input), episodes = result.Episodes, frames = result.Frames,
                    seconds = Math.Round(seconds, 3), @out = result.Out,
                });
            else
                Console.WriteLine($"exported {result.Episodes} episodes, {result.Frames} frames ({DatasetFormats.Name(input)} -> lerobot v3.0) " +
                                  $"in {seconds:F1} s -> {result.Out}");
            return 0;
        }));
        return command;
    }
}
