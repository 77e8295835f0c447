using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace Vla.Core.Data.Streaming;

/// <summary>
/// Produces a sequence on a background thread into a bounded queue, so making items n+1..n+capacity overlaps with the
/// consumer using item n, and memory stays bounded however long the sequence. Whatever stops the producer is rethrown
/// on the consumer's thread, after the items made before it: a failing read surfaces in the trainer, it never hangs it.
/// </summary>
internal sealed class ReadAhead<T> : IDisposable
{
    // Dispose waits this long for an item in progress (a batch takes milliseconds); a stuck read is left behind.
    private static readonly TimeSpan StopWait = TimeSpan.FromSeconds(30);

    private readonly BlockingCollection<T> _queue;
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;
    private volatile ExceptionDispatchInfo? _failure;

    /// <param name="source">the sequence; it should check the token between expensive steps so Dispose is prompt</param>
    public ReadAhead(Func<CancellationToken, IEnumerable<T>> source, int capacity, string name)
    {
        _queue = new BlockingCollection<T>(new ConcurrentQueue<T>(), capacity);
        _thread = new Thread(() => Run(source)) { IsBackground = true, Name = name };
        _thread.Start();
    }

    public bool IsRunning => _thread.IsAlive;

    /// <summary>The next item, waiting for it; rethrows the producer's failure once the items before it are taken.</summary>
    public T Next()
    {
        if (_queue.TryTake(out var item, Timeout.Infinite)) return item;
        _failure?.Throw();
        throw new InvalidOperationException("asked for more items than the read-ahead sequence holds");
    }

    private void Run(Func<CancellationToken, IEnumerable<T>> source)
    {
        var token = _stop.Token;
        try
        {
            foreach (var item in source(token)) _queue.Add(item, token);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Disposed: the consumer no longer wants items.
        }
        catch (Exception e)
        {
            _failure = ExceptionDispatchInfo.Capture(e);
        }
        finally
        {
            _queue.CompleteAdding();
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        if (!_thread.Join(StopWait)) return;   // background thread: it cannot keep the process alive
        _queue.Dispose();
        _stop.Dispose();
    }
}
