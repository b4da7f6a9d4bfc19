namespace Monolith.Host.FrontDoor.Shadow;

/// <summary>
/// Copies the in-process answer as it is written to the client, up to a limit, so it can be compared later. The
/// client's stream is written first and unchanged: the copy only adds a memory copy to the request.
/// </summary>
internal sealed class ShadowCapture : Stream
{
    private readonly Stream client;
    private readonly MemoryStream copy = new();
    private readonly int limit;

    public ShadowCapture(Stream client, int limit)
    {
        this.client = client;
        this.limit = limit;
    }

    /// <summary>Whether the answer was larger than the limit, so the copy is incomplete and not compared.</summary>
    public bool Overflowed { get; private set; }

    public byte[] Captured => copy.ToArray();

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count)
    {
        client.Write(buffer, offset, count);
        Keep(buffer.AsSpan(offset, count));
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await client.WriteAsync(buffer, cancellationToken);
        Keep(buffer.Span);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush() => client.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => client.FlushAsync(cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    private void Keep(ReadOnlySpan<byte> bytes)
    {
        if (Overflowed || copy.Length + bytes.Length > limit)
        {
            Overflowed = true;
            return;
        }

        copy.Write(bytes);
    }
}
