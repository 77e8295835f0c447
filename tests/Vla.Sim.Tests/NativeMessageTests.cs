using Vla.Sim.Native;

namespace Vla.Sim.Tests;

public class NativeMessageTests
{
    [Fact]
    public void Missing_mujoco_names_the_debian_package()
    {
        string msg = NativeAvailability.BuildMissingLibraryMessage(
            "libmujoco.so.2.2.2: cannot open shared object file: No such file or directory");
        msg.Should().Contain("apt-get install -y libmujoco-dev").And.Contain("libmujoco.so.2.2.2");
    }

    [Fact]
    public void Missing_osmesa_and_egl_name_their_packages()
    {
        NativeAvailability.BuildMissingLibraryMessage("OSMesa could not be initialised: libOSMesa.so: cannot open").Should().Contain("libosmesa6");
        NativeAvailability.BuildMissingLibraryMessage("EGL could not be initialised: libEGL.so.1: cannot open").Should().Contain("libegl1");
    }

    [Fact]
    public void Missing_shim_says_how_to_get_it()
    {
        string msg = NativeAvailability.BuildMissingLibraryMessage("Unable to load shared library 'vla_mujoco_shim'");
        msg.Should().Contain("libmujoco-dev").And.Contain("rebuild Vla.Sim");
    }

    [Theory]
    [InlineData("egl", 1)]
    [InlineData("OSMesa", 2)]
    [InlineData(null, 0)]
    [InlineData("auto", 0)]
    public void Gl_backend_request_parses(string? value, int expected) => GlBackend.ParseRequest(value).Should().Be(expected);

    [Fact]
    public void Shim_is_copied_next_to_the_test_assembly()
    {
        File.Exists(Path.Combine(AppContext.BaseDirectory, "libvla_mujoco_shim.so")).Should().BeTrue();
        NativeAvailability.EnsureLoaded().Should().Be(222);
    }
}
