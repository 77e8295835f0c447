namespace Vla.Abstractions;

/// <summary>One RGB frame: <paramref name="Rgb"/> is Height*Width*3 bytes, row-major, top row first.</summary>
public sealed record CameraImage(string Camera, int Height, int Width, byte[] Rgb)
{
    public CameraImage Validate()
    {
        if (Rgb.Length != Height * Width * 3)
            throw new VlaException(
                $"camera '{Camera}' image has {Rgb.Length} bytes, expected {Height}x{Width}x3 = {Height * Width * 3}",
                "pass RGB uint8 pixels in height-width-channel order");
        return this;
    }
}
