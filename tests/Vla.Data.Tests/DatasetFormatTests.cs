namespace Vla.Data.Tests;

public sealed class DatasetFormatTests : TempFolder
{
    private string Folder(string name) => Directory.CreateDirectory(PathOf(name)).FullName;

    [Fact]
    public void The_format_is_detected_from_the_first_file()
    {
        var aloha = Folder("aloha");
        AlohaH5pyWriter.Write(new AlohaH5pyWriter.Spec(Path.Combine(aloha, "episode_0.hdf5")));
        var libero = Folder("libero");
        H5pyWriter.Write(new H5pyWriter.Spec(Path.Combine(libero, "task_demo.hdf5")));

        DatasetFormats.Detect(aloha).Should().Be(DatasetFormat.AlohaHdf5);
        DatasetFormats.Detect(libero).Should().Be(DatasetFormat.LiberoHdf5);
        var robomimic = H5pyWriter.Write(new H5pyWriter.Spec(PathOf("lift.hdf5"), Cameras: ["agentview_image"],
            Proprio: [("robot0_eef_pos", 3), ("robot0_eef_quat", 4)]));
        DatasetFormats.Detect(robomimic).Should().Be(DatasetFormat.RobomimicHdf5);
    }

    [Fact]
    public void Names_parse_and_unknown_names_are_refused()
    {
        DatasetFormats.Names.Select(DatasetFormats.Parse).Select(DatasetFormats.Name).Should().Equal(DatasetFormats.Names);
        FluentActions.Invoking(() => DatasetFormats.Parse("rlds")).Should().Throw<Vla.Abstractions.VlaException>()
            .Which.Hint.Should().Contain("aloha-hdf5");
    }
}
