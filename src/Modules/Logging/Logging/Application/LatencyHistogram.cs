using System.Buffers.Binary;

namespace Logging.Application;

/// <summary>
/// Request durations in log-linear buckets, each 2^(1/128) (about 0.54 %) wider than the one below, kept sparse with
/// the count, smallest and largest duration seen in each. Histograms merge exactly (counts add, extremes take the
/// min and max), in any order. A nearest-rank percentile is a value inside the bucket that holds that rank, between
/// its smallest and largest duration, so it is within 0.54 % of the exact one, and exact when the rank is a
/// bucket's first or last or the bucket's durations are all equal (docs/adr/0042).
/// </summary>
internal sealed class LatencyHistogram
{
    /// <summary>Buckets per doubling: the width of one is 2^(1/128) - 1 = 0.543 %.</summary>
    public const int BucketsPerOctave = 128;

    /// <summary>Durations below 2^-10 ms (about 1 µs) share the lowest bucket.</summary>
    private const int LowestIndex = -10 * BucketsPerOctave;

    private readonly SortedDictionary<int, Bucket> buckets = [];

    /// <summary>The number of durations held.</summary>
    public long Count { get; private set; }

    public bool IsEmpty => Count == 0;

    public static int IndexOf(double durationMs) =>
        durationMs <= 0 ? LowestIndex : Math.Max(LowestIndex, (int)Math.Floor(Math.Log2(durationMs) * BucketsPerOctave));

    public void Add(double durationMs) => Add(IndexOf(durationMs), new Bucket(1, durationMs, durationMs));

    public void Merge(LatencyHistogram other)
    {
        foreach (var (index, bucket) in other.buckets)
        {
            Add(index, bucket);
        }
    }

    /// <summary>
    /// The nearest-rank percentile (the smallest rank r with r ≥ p % of the count), read from the bucket holding
    /// rank r: its smallest duration for its first rank, its largest for its last, in between linearly.
    /// </summary>
    public double? Percentile(int percent)
    {
        if (Count == 0)
        {
            return null;
        }

        var rank = ((percent * Count) + 99) / 100;
        long below = 0;
        foreach (var bucket in buckets.Values)
        {
            if (below + bucket.Count >= rank)
            {
                var position = rank - below - 1;
                return position == 0 || bucket.Min == bucket.Max ? bucket.Min
                    : position == bucket.Count - 1 ? bucket.Max
                    : bucket.Min + ((bucket.Max - bucket.Min) * position / (bucket.Count - 1));
            }

            below += bucket.Count;
        }

        return buckets.Values.Last().Max;
    }

    /// <summary>
    /// The stored form: per bucket, the index's step from the previous one and the count (LEB128 varints; the
    /// count shifted left by one, its low bit set when every duration in the bucket is equal), then the smallest
    /// duration and, unless all are equal, the largest (8 bytes each, little-endian).
    /// </summary>
    public byte[] ToBytes()
    {
        var output = new List<byte>(buckets.Count * 12);
        var previous = LowestIndex;
        Span<byte> number = stackalloc byte[8];
        foreach (var (index, bucket) in buckets)
        {
            WriteVarint(output, (ulong)(index - previous));
            previous = index;
            var single = bucket.Min == bucket.Max;
            WriteVarint(output, ((ulong)bucket.Count << 1) | (single ? 1UL : 0UL));
            BinaryPrimitives.WriteDoubleLittleEndian(number, bucket.Min);
            output.AddRange(number);
            if (!single)
            {
                BinaryPrimitives.WriteDoubleLittleEndian(number, bucket.Max);
                output.AddRange(number);
            }
        }

        return [.. output];
    }

    public static LatencyHistogram FromBytes(ReadOnlySpan<byte> bytes)
    {
        var histogram = new LatencyHistogram();
        histogram.MergeBytes(bytes);
        return histogram;
    }

    /// <summary>Merges a stored histogram into this one without building it first.</summary>
    public void MergeBytes(ReadOnlySpan<byte> bytes)
    {
        var index = LowestIndex;
        var offset = 0;
        while (offset < bytes.Length)
        {
            index += (int)ReadVarint(bytes, ref offset);
            var countAndFlag = ReadVarint(bytes, ref offset);
            var min = BinaryPrimitives.ReadDoubleLittleEndian(bytes[offset..]);
            offset += 8;
            var max = min;
            if ((countAndFlag & 1) == 0)
            {
                max = BinaryPrimitives.ReadDoubleLittleEndian(bytes[offset..]);
                offset += 8;
            }

            Add(index, new Bucket((long)(countAndFlag >> 1), min, max));
        }
    }

    private void Add(int index, Bucket bucket)
    {
        buckets[index] = buckets.TryGetValue(index, out var held)
            ? new Bucket(held.Count + bucket.Count, Math.Min(held.Min, bucket.Min), Math.Max(held.Max, bucket.Max))
            : bucket;
        Count += bucket.Count;
    }

    private static void WriteVarint(List<byte> output, ulong value)
    {
        while (value >= 0x80)
        {
            output.Add((byte)(value | 0x80));
            value >>= 7;
        }

        output.Add((byte)value);
    }

    private static ulong ReadVarint(ReadOnlySpan<byte> bytes, ref int offset)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = bytes[offset++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }
    }

    private readonly record struct Bucket(long Count, double Min, double Max);
}
