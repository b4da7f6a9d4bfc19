using System.Net.Http.Headers;

namespace Host.IntegrationTests.Infrastructure;

/// <summary>A body of unknown length, so HttpClient sends it with <c>Transfer-Encoding: chunked</c> and no Content-Length.</summary>
public sealed class ChunkedContent : HttpContent
{
    private readonly byte[] bytes;

    public ChunkedContent(byte[] bytes, string contentType = "application/json")
    {
        this.bytes = bytes;
        Headers.ContentType = new MediaTypeHeaderValue(contentType);
    }

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        const int chunk = 64 * 1024;
        for (var offset = 0; offset < bytes.Length; offset += chunk)
        {
            await stream.WriteAsync(bytes.AsMemory(offset, Math.Min(chunk, bytes.Length - offset)));
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
