namespace Vla.Core.Data.Streaming;

/// <summary>
/// Decoded frames (all cameras of one frame index in one fixed-size slot) kept for reuse, least recently used replaced
/// first, bounded in bytes. Frames rather than episodes: batches draw frames at random across the dataset, so decoding
/// a whole episode for one of its frames would read ~100x what the batch uses once the data outgrows the cache.
/// Slots live in a few large blocks allocated as the cache fills, not one small array per frame: with small arrays a
/// streaming run held ~0.8 GB beyond a 0.94 GB cache (garbage-collector headroom), in blocks ~0.3 GB.
/// Used by one thread at a time (no locking).
/// </summary>
internal sealed class FrameCache
{
    private const int BlockBytes = 64 << 20;
    private const int IndexBytesPerSlot = 64;   // the dictionary entry and the recency links

    private readonly Dictionary<int, int> _slotOf = new();   // frame -> slot
    private readonly List<byte[]> _blocks = new();
    private readonly int[] _frameIn, _newer, _older;           // per slot: its frame, and the recency list
    private readonly int _slotsPerBlock;
    private int _used, _newest = -1, _oldest = -1;
    private long _bytes;

    /// <param name="slotBytes">bytes of one frame (every camera)</param>
    public FrameCache(long budgetBytes, int slotBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(budgetBytes);
        ArgumentOutOfRangeException.ThrowIfLessThan(slotBytes, 1);
        (BudgetBytes, SlotBytes) = (budgetBytes, slotBytes);
        Capacity = (int)Math.Min(int.MaxValue / 2, budgetBytes / (slotBytes + IndexBytesPerSlot));
        _slotsPerBlock = Math.Max(1, BlockBytes / slotBytes);
        (_frameIn, _newer, _older) = (new int[Capacity], new int[Capacity], new int[Capacity]);
        _bytes = (long)Capacity * IndexBytesPerSlot;
    }

    public long BudgetBytes { get; }

    public int SlotBytes { get; }

    /// <summary>How many frames fit.</summary>
    public int Capacity { get; }

    public int Count => _used;

    /// <summary>Bytes held: the blocks allocated so far plus the index. Blocks are never freed while the cache lives,
    /// so this is also the most it ever held (tests check it never passes the budget; readable from any thread).</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    public long Hits { get; private set; }

    public long Misses { get; private set; }

    /// <summary>The frame's bytes if kept (and marks it most recently used).</summary>
    public bool TryGet(int frame, out Memory<byte> bytes)
    {
        if (_slotOf.TryGetValue(frame, out var slot))
        {
            Touch(slot);
            bytes = Slot(slot);
            Hits++;
            return true;
        }
        bytes = Memory<byte>.Empty;
        Misses++;
        return false;
    }

    /// <summary>A slot for <paramref name="frame"/> to decode into (the least recently used one when full), or an
    /// empty Memory when the budget holds no frame at all.</summary>
    public Memory<byte> Add(int frame)
    {
        if (Capacity == 0) return Memory<byte>.Empty;
        if (_slotOf.TryGetValue(frame, out var existing))
        {
            Touch(existing);
            return Slot(existing);
        }
        int slot;
        if (_used < Capacity)
        {
            slot = _used++;
            if (slot / _slotsPerBlock == _blocks.Count) Grow();
        }
        else
        {
            slot = _oldest;
            Unlink(slot);
            _slotOf.Remove(_frameIn[slot]);
        }
        _frameIn[slot] = frame;
        _slotOf[frame] = slot;
        LinkNewest(slot);
        return Slot(slot);
    }

    private void Grow()
    {
        var remaining = (long)(Capacity - _blocks.Count * _slotsPerBlock);
        var block = GC.AllocateUninitializedArray<byte>((int)(Math.Min(remaining, _slotsPerBlock) * SlotBytes));
        _blocks.Add(block);
        Interlocked.Add(ref _bytes, block.Length);
    }

    private Memory<byte> Slot(int slot) => _blocks[slot / _slotsPerBlock].AsMemory(slot % _slotsPerBlock * SlotBytes, SlotBytes);

    private void Touch(int slot)
    {
        if (slot == _newest) return;
        Unlink(slot);
        LinkNewest(slot);
    }

    private void LinkNewest(int slot)
    {
        (_newer[slot], _older[slot]) = (-1, _newest);
        if (_newest >= 0) _newer[_newest] = slot;
        _newest = slot;
        if (_oldest < 0) _oldest = slot;
    }

    private void Unlink(int slot)
    {
        var (newer, older) = (_newer[slot], _older[slot]);
        if (newer >= 0) _older[newer] = older;
        else _newest = older;
        if (older >= 0) _newer[older] = newer;
        else _oldest = newer;
    }
}
