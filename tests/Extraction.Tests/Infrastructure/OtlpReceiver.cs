using System.Collections.Concurrent;
using System.Text;

namespace Extraction.Tests.Infrastructure;

/// <summary>One exported span: the process that recorded it (<c>service.name</c>), its ids, name and string attributes.</summary>
internal sealed record ExportedSpan(string Service, string TraceId, string SpanId, string? ParentId, string Name, int Kind, IReadOnlyDictionary<string, string> Attributes)
{
    public bool IsServer => Kind == 2;
}

/// <summary>
/// An OTLP/HTTP receiver on a loopback port (<c>OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf</c>): it answers every export
/// with 200 and keeps the spans of <c>/v1/traces</c>, read straight from the protobuf wire format
/// (ExportTraceServiceRequest → ResourceSpans → ScopeSpans → Span), so the test needs no collector.
/// </summary>
internal sealed class OtlpReceiver : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly ConcurrentQueue<ExportedSpan> spans = new();
    private readonly Task loop;

    public OtlpReceiver()
    {
        Port = FreePort.Next();
        listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        listener.Start();
        loop = Task.Run(Serve);
    }

    public int Port { get; }

    public string Endpoint => $"http://127.0.0.1:{Port}";

    public IReadOnlyList<ExportedSpan> Trace(string traceId) => [.. spans.Where(s => s.TraceId == traceId)];

    public void Dispose()
    {
        listener.Close();
        _ = loop.ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private async Task Serve()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            if (context.Request.Url?.AbsolutePath == "/v1/traces")
            {
                foreach (var span in Read(body.ToArray()))
                {
                    spans.Enqueue(span);
                }
            }

            context.Response.StatusCode = 200;
            context.Response.Close();
        }
    }

    private static IEnumerable<ExportedSpan> Read(byte[] request)
    {
        foreach (var resourceSpans in Fields(request).Where(f => f.Number == 1))
        {
            var fields = Fields(resourceSpans.Bytes).ToList();
            var resource = fields.Where(f => f.Number == 1).SelectMany(r => Attributes(r.Bytes)).ToDictionary(a => a.Key, a => a.Value);
            var service = resource.GetValueOrDefault("service.name") ?? "?";
            foreach (var scope in fields.Where(f => f.Number == 2))
            {
                foreach (var span in Fields(scope.Bytes).Where(f => f.Number == 2))
                {
                    var parts = Fields(span.Bytes).ToList();
                    var parent = parts.FirstOrDefault(p => p.Number == 4).Bytes;
                    yield return new ExportedSpan(
                        service,
                        Convert.ToHexStringLower(parts.First(p => p.Number == 1).Bytes),
                        Convert.ToHexStringLower(parts.First(p => p.Number == 2).Bytes),
                        parent is { Length: > 0 } ? Convert.ToHexStringLower(parent) : null,
                        Encoding.UTF8.GetString(parts.First(p => p.Number == 5).Bytes),
                        (int)parts.FirstOrDefault(p => p.Number == 6).Value,
                        parts.Where(p => p.Number == 9).SelectMany(p => Attributes([.. p.Bytes], single: true))
                            .GroupBy(a => a.Key).ToDictionary(g => g.Key, g => g.First().Value));
                }
            }
        }
    }

    /// <summary>KeyValue messages (key = 1, value = AnyValue with string_value = 1); other value kinds are left out.</summary>
    private static IEnumerable<KeyValuePair<string, string>> Attributes(byte[] message, bool single = false)
    {
        IEnumerable<(int Number, ulong Value, byte[] Bytes)> pairs = single ? [(1, 0UL, message)] : Fields(message).Where(f => f.Number == 1);
        foreach (var pair in pairs)
        {
            var kv = Fields(pair.Bytes).ToList();
            var key = kv.FirstOrDefault(f => f.Number == 1).Bytes;
            var value = kv.FirstOrDefault(f => f.Number == 2).Bytes;
            var text = value is null ? null : Fields(value).FirstOrDefault(f => f.Number == 1).Bytes;
            if (key is not null && text is not null)
            {
                yield return new(Encoding.UTF8.GetString(key), Encoding.UTF8.GetString(text));
            }
        }
    }

    /// <summary>The fields of one protobuf message: number, and the value of a varint or the bytes of a length-delimited field.</summary>
    private static IEnumerable<(int Number, ulong Value, byte[] Bytes)> Fields(byte[] message)
    {
        var at = 0;
        while (at < message.Length)
        {
            var tag = Varint(message, ref at);
            var number = (int)(tag >> 3);
            switch (tag & 7)
            {
                case 0:
                    yield return (number, Varint(message, ref at), []);
                    break;
                case 1:
                    at += 8;
                    break;
                case 2:
                    var length = (int)Varint(message, ref at);
                    yield return (number, 0, message[at..(at + length)]);
                    at += length;
                    break;
                case 5:
                    at += 4;
                    break;
                default:
                    throw new InvalidDataException($"Unexpected protobuf wire type {tag & 7} at byte {at}.");
            }
        }
    }

    private static ulong Varint(byte[] bytes, ref int at)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = bytes[at++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }
    }
}
