using Microsoft.ML;
using Microsoft.ML.Data;
using Vla.Abstractions;

namespace Vla.MLNet;

/// <summary>Reads the current row of a cursor (or row) as the core's <see cref="Observation"/>.</summary>
internal sealed class ObservationReader
{
    private readonly BoundObservation _bound;
    private readonly ValueGetter<VBuffer<float>>[] _cameras;
    private readonly ValueGetter<ReadOnlyMemory<char>> _instruction;
    private readonly ValueGetter<VBuffer<float>>? _proprio;
    private VBuffer<float> _buffer;
    private ReadOnlyMemory<char> _text;

    public ObservationReader(DataViewRow row, BoundObservation bound)
    {
        _bound = bound;
        _cameras = bound.Cameras.Select(c => row.GetGetter<VBuffer<float>>(c.Column)).ToArray();
        _instruction = row.GetGetter<ReadOnlyMemory<char>>(bound.Instruction);
        _proprio = bound.Proprio is { } p ? row.GetGetter<VBuffer<float>>(p) : null;
    }

    public Observation Read()
    {
        var images = new CameraImage[_cameras.Length];
        for (var i = 0; i < _cameras.Length; i++)
        {
            _cameras[i](ref _buffer);
            var camera = _bound.Cameras[i];
            var rgb = PixelLayout.PlanarToRgb(Dense(ref _buffer), _bound.Height, _bound.Width, _bound.PixelsAreScaled, camera.Column.Name);
            images[i] = new CameraImage(camera.Camera, _bound.Height, _bound.Width, rgb);
        }
        _instruction(ref _text);
        var proprio = Array.Empty<float>();
        if (_proprio is not null)
        {
            _proprio(ref _buffer);
            proprio = Dense(ref _buffer).ToArray();
        }
        return new Observation(images, _text.ToString(), proprio);
    }

    /// <summary>The values of a vector, densified (ML.NET may hand out sparse buffers, e.g. all-zero images).</summary>
    internal static ReadOnlySpan<float> Dense(ref VBuffer<float> buffer)
    {
        if (buffer.IsDense) return buffer.GetValues();
        var dense = new float[buffer.Length];
        buffer.CopyTo(dense);
        return dense;
    }
}
