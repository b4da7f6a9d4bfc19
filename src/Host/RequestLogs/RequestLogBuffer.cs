using System.Threading.Channels;
using Logging.Contracts;

namespace Monolith.Host.RequestLogs;

/// <summary>
/// The bounded hand-off between requests and the shipper. Adding never waits: when the buffer is full (the
/// Logging module is slow or down and the shipper is behind) the record goes straight to the spool instead.
/// </summary>
internal sealed class RequestLogBuffer(RequestLogShippingOptions options, LogSpool spool)
{
    private readonly Channel<RequestLogEntry> channel = Channel.CreateBounded<RequestLogEntry>(
        new BoundedChannelOptions(options.BufferCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    private long spilled;

    /// <summary>Records that found the buffer full (or closed, during shutdown) and were spooled directly.</summary>
    public long Spilled => Interlocked.Read(ref spilled);

    public ChannelReader<RequestLogEntry> Reader => channel.Reader;

    public void Add(RequestLogEntry entry)
    {
        if (!channel.Writer.TryWrite(entry))
        {
            spool.Append([entry]);
            Interlocked.Increment(ref spilled);
        }
    }

    /// <summary>Stops taking records into memory; later ones go to the spool.</summary>
    public void Close() => channel.Writer.TryComplete();
}
