using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Vla.Data;

/// <summary>
/// Area (box) resampling of interleaved RGB frames (H*W*3, top row first): each output pixel is the mean of the
/// source rectangle it covers, weighted by overlap, so a 2x downscale is the exact mean of each 2x2 block.
/// Why area and not bilinear: bilinear at 2x and beyond skips source pixels and aliases fine texture; area uses them all.
/// Integer factors (128 -> 64, the usual case) take an exact integer path; other sizes a separable weighted one.
/// Both round half up. Holds scratch buffers: one instance per thread.
/// </summary>
internal sealed class AreaResizer
{
    private readonly int _srcH, _srcW, _dstH, _dstW;
    private readonly bool _wholeBlocks;
    private readonly Taps _rowTaps, _columnTaps;
    private readonly int[] _blockSums;      // (dstW, 3) sums of one output row's blocks
    private readonly float[] _horizontal;   // (srcH, dstW, 3): every source row resampled horizontally
    private readonly float[] _accumulator;  // (dstW, 3)
    private readonly float[] _rowValues;    // (srcW * 3 + 1): one source row as floats

    public AreaResizer(int srcH, int srcW, int dstH, int dstW)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Math.Min(Math.Min(srcH, srcW), Math.Min(dstH, dstW)), 1);
        (_srcH, _srcW, _dstH, _dstW) = (srcH, srcW, dstH, dstW);
        _wholeBlocks = srcH % dstH == 0 && srcW % dstW == 0;
        _rowTaps = new Taps(srcH, dstH);
        _columnTaps = new Taps(srcW, dstW);
        _blockSums = new int[dstW * 3];
        _horizontal = _wholeBlocks ? [] : new float[srcH * dstW * 3 + 1];
        _accumulator = new float[dstW * 3];
        _rowValues = _wholeBlocks ? [] : new float[srcW * 3 + 1];
    }

    public int OutputLength => _dstH * _dstW * 3;

    /// <summary>Resizes the frame at <paramref name="offset"/> in <paramref name="source"/> into a new array.</summary>
    public byte[] Resize(byte[] source, int offset)
    {
        if (offset < 0 || source.Length - offset < _srcH * _srcW * 3)
            throw new ArgumentException("source frame is too short", nameof(source));
        var output = GC.AllocateUninitializedArray<byte>(OutputLength);   // every byte is written below
        if (_wholeBlocks) ResizeByBlocks(source.AsSpan(offset, _srcH * _srcW * 3), output);
        else ResizeByWeights(source.AsSpan(offset, _srcH * _srcW * 3), output);
        return output;
    }

    /// <summary>Exact: each output is (sum of its fy x fx block + area/2) / area, in integers.</summary>
    private void ResizeByBlocks(ReadOnlySpan<byte> source, Span<byte> output)
    {
        int fy = _srcH / _dstH, fx = _srcW / _dstW, area = fy * fx, half = area / 2, srcRow = _srcW * 3, dstRow = _dstW * 3;
        var sums = _blockSums.AsSpan();
        for (var oy = 0; oy < _dstH; oy++)
        {
            sums.Clear();
            for (var dy = 0; dy < fy; dy++)
            {
                var row = source.Slice((oy * fy + dy) * srcRow, srcRow);
                for (int ox = 0, s = 0; ox < _dstW; ox++)
                {
                    int r = 0, g = 0, b = 0;
                    for (var dx = 0; dx < fx; dx++, s += 3)
                    {
                        r += row[s];
                        g += row[s + 1];
                        b += row[s + 2];
                    }
                    sums[ox * 3] += r;
                    sums[ox * 3 + 1] += g;
                    sums[ox * 3 + 2] += b;
                }
            }
            var line = output.Slice(oy * dstRow, dstRow);
            for (var i = 0; i < dstRow; i++) line[i] = (byte)((sums[i] + half) / area);
        }
    }

    /// <summary>
    /// Separable: rows resampled horizontally into floats, then output rows blended from those. Every output value is the
    /// same sequence of float32 multiplies and adds in the same order as the scalar definition (sum over taps of
    /// weight * value, then + 0.5, truncated, clamped), only computed several at a time: a pixel's r, g, b in one vector
    /// horizontally, a row's values side by side vertically. Vector lanes round exactly as scalars do (no fused
    /// multiply-add), so the bytes equal the scalar ones (<see cref="ResizeByWeightsScalar"/>, kept for the tests).
    /// </summary>
    private void ResizeByWeights(ReadOnlySpan<byte> source, Span<byte> output)
    {
        if (!Vector128.IsHardwareAccelerated)
        {
            ResizeByWeightsScalar(source, output);
            return;
        }
        int srcRow = _srcW * 3, dstRow = _dstW * 3;
        var values = _rowValues.AsSpan(0, srcRow + 1);   // + 1: a pixel is read as 4 lanes, the 4th unused
        ref var value = ref MemoryMarshal.GetReference(values);
        ref var horizontal = ref MemoryMarshal.GetArrayDataReference(_horizontal);
        ref var start = ref MemoryMarshal.GetArrayDataReference(_columnTaps.Start);
        ref var index = ref MemoryMarshal.GetArrayDataReference(_columnTaps.Index);
        ref var weight = ref MemoryMarshal.GetArrayDataReference(_columnTaps.Weight);
        for (var y = 0; y < _srcH; y++)
        {
            Widen(source.Slice(y * srcRow, srcRow), values);
            // Ascending x: each store's 4th lane lands on the next value, which is written afterwards (the array has one
            // spare float for the very last).
            ref var target = ref Unsafe.Add(ref horizontal, y * dstRow);
            for (var x = 0; x < _dstW; x++)
            {
                var sum = Vector128<float>.Zero;
                for (int k = Unsafe.Add(ref start, x), end = Unsafe.Add(ref start, x + 1); k < end; k++)
                    sum += Vector128.Create(Unsafe.Add(ref weight, k)) * Vector128.LoadUnsafe(ref value, (nuint)(Unsafe.Add(ref index, k) * 3));
                sum.StoreUnsafe(ref target, (nuint)(x * 3));
            }
        }
        var accumulator = _accumulator.AsSpan(0, dstRow);
        for (var y = 0; y < _dstH; y++)
        {
            accumulator.Clear();
            for (int k = _rowTaps.Start[y], end = _rowTaps.Start[y + 1]; k < end; k++)
                AddScaled(accumulator, _horizontal.AsSpan(_rowTaps.Index[k] * dstRow, dstRow), _rowTaps.Weight[k]);
            var line = output.Slice(y * dstRow, dstRow);
            for (var i = 0; i < dstRow; i++) line[i] = (byte)Math.Clamp((int)(accumulator[i] + 0.5f), 0, 255);
        }
    }

    /// <summary>The definition <see cref="ResizeByWeights"/> computes, one value at a time.</summary>
    internal void ResizeByWeightsScalar(ReadOnlySpan<byte> source, Span<byte> output)
    {
        int srcRow = _srcW * 3, dstRow = _dstW * 3;
        for (var y = 0; y < _srcH; y++)
        {
            var row = source.Slice(y * srcRow, srcRow);
            var target = _horizontal.AsSpan(y * dstRow, dstRow);
            for (var x = 0; x < _dstW; x++)
            {
                float r = 0, g = 0, b = 0;
                for (int k = _columnTaps.Start[x], end = _columnTaps.Start[x + 1]; k < end; k++)
                {
                    var (i, w) = (_columnTaps.Index[k] * 3, _columnTaps.Weight[k]);
                    r += w * row[i];
                    g += w * row[i + 1];
                    b += w * row[i + 2];
                }
                (target[x * 3], target[x * 3 + 1], target[x * 3 + 2]) = (r, g, b);
            }
        }
        var sum = _accumulator.AsSpan(0, dstRow);
        for (var y = 0; y < _dstH; y++)
        {
            sum.Clear();
            for (int k = _rowTaps.Start[y], end = _rowTaps.Start[y + 1]; k < end; k++)
            {
                var from = _horizontal.AsSpan(_rowTaps.Index[k] * dstRow, dstRow);
                var w = _rowTaps.Weight[k];
                for (var i = 0; i < dstRow; i++) sum[i] += w * from[i];
            }
            var line = output.Slice(y * dstRow, dstRow);
            for (var i = 0; i < dstRow; i++) line[i] = (byte)Math.Clamp((int)(sum[i] + 0.5f), 0, 255);
        }
    }

    /// <summary>Bytes as floats (exact), the last float of <paramref name="values"/> left as is.</summary>
    private static void Widen(ReadOnlySpan<byte> bytes, Span<float> values)
    {
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
            for (; i + Vector256<byte>.Count <= bytes.Length; i += Vector256<byte>.Count)
            {
                var (low, high) = Vector256.Widen(Vector256.Create(bytes.Slice(i, Vector256<byte>.Count)));
                var (a, b) = Vector256.Widen(low);
                var (c, d) = Vector256.Widen(high);
                Vector256.ConvertToSingle(a.AsInt32()).CopyTo(values[i..]);
                Vector256.ConvertToSingle(b.AsInt32()).CopyTo(values[(i + 8)..]);
                Vector256.ConvertToSingle(c.AsInt32()).CopyTo(values[(i + 16)..]);
                Vector256.ConvertToSingle(d.AsInt32()).CopyTo(values[(i + 24)..]);
            }
        for (; i < bytes.Length; i++) values[i] = bytes[i];
    }

    /// <summary>sum[i] += w * from[i], several i at a time.</summary>
    private static void AddScaled(Span<float> sum, ReadOnlySpan<float> from, float w)
    {
        var i = 0;
        var weight = Vector128.Create(w);
        for (; i + Vector128<float>.Count <= sum.Length; i += Vector128<float>.Count)
            (Vector128.Create<float>(sum[i..]) + weight * Vector128.Create(from[i..])).CopyTo(sum[i..]);
        for (; i < sum.Length; i++) sum[i] += w * from[i];
    }

    /// <summary>
    /// For each output index o, the source indices overlapping [o*scale, (o+1)*scale) and their share of it, flattened:
    /// output o uses entries Start[o] .. Start[o+1]-1.
    /// </summary>
    private sealed class Taps
    {
        public readonly int[] Start, Index;
        public readonly float[] Weight;

        public Taps(int source, int destination)
        {
            var scale = (double)source / destination;
            var index = new List<int>();
            var weight = new List<float>();
            Start = new int[destination + 1];
            for (var o = 0; o < destination; o++)
            {
                Start[o] = index.Count;
                double from = o * scale, to = Math.Min((o + 1) * scale, source);
                for (var i = (int)Math.Floor(from); i < to && i < source; i++)
                {
                    var overlap = Math.Min(i + 1, to) - Math.Max(i, from);
                    if (overlap <= 1e-9) continue;
                    index.Add(i);
                    weight.Add((float)(overlap / (to - from)));
                }
            }
            Start[destination] = index.Count;
            Index = index.ToArray();
            Weight = weight.ToArray();
        }
    }
}
