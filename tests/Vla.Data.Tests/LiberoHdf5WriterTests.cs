using Vla.Core.Data;

namespace Vla.Data.Tests;

/// <summary>Our canonical writer (used by `vla import`): what it writes reads back identical with the LIBERO reader.</summary>
public sealed class LiberoHdf5WriterTests : TempFolder
{
    [Fact]
    public void Libero_episodes_round_trip_with_the_8D_proprio_split_into_libero_keys()
    {
        var source = H5pyWriter.Write(new H5pyWriter.Spec(PathOf("put_the_bowl_on_the_plate_demo.hdf5")));
        var read = LiberoHdf5Reader.Read(source);
        var written = Path.Combine(Directory.CreateDirectory(PathOf("out")).FullName, "copy.hdf5");

        LiberoHdf5Writer.Write(written, read);

        Expected.SameEpisodes(LiberoHdf5Reader.Read(written), read);
    }

    [Fact]
    public void Aloha_episodes_round_trip_with_14D_proprio()
    {
        var dir = Directory.CreateDirectory(PathOf("fold_towel")).FullName;
        for (var e = 0; e < 2; e++) AlohaH5pyWriter.Write(new AlohaH5pyWriter.Spec(Path.Combine(dir, $"episode_{e}.hdf5"), Episode: e));
        var read = AlohaHdf5Reader.Read(dir);
        var written = PathOf("fold_towel_demo.hdf5");

        LiberoHdf5Writer.Write(written, read);

        Expected.SameEpisodes(LiberoHdf5Reader.Read(written), read);
    }
}
