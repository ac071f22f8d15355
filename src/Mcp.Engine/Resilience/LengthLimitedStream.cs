namespace Mcp.Engine.Resilience;

/// <summary>
/// A read-only view of a response stream that fails as soon as more than a fixed number of bytes
/// has been read, so an oversized (or endless) body is refused without being buffered whole.
/// </summary>
internal sealed class LengthLimitedStream(Stream inner, long limitBytes) : Stream
{
    private long _read;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _read;
        set => throw new NotSupportedException();
    }

    /// <summary>Bytes read so far.</summary>
    public long BytesRead => _read;

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = inner.Read(Limit(buffer.Length) is var allowed && allowed < buffer.Length ? buffer[..allowed] : buffer);
        return Account(n);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var allowed = Limit(buffer.Length);
        var n = await inner.ReadAsync(allowed < buffer.Length ? buffer[..allowed] : buffer, cancellationToken);
        return Account(n);
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    // Ask for at most one byte beyond the limit: enough to know the body is too large.
    private int Limit(int requested) => (int)Math.Min(requested, Math.Max(1, limitBytes + 1 - _read));

    private int Account(int n)
    {
        _read += n;
        if (_read > limitBytes)
        {
            throw new ResponseTooLargeException(limitBytes);
        }

        return n;
    }
}
