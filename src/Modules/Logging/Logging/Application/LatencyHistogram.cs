using System.Buffers.Binary;

namespace Logging.Application;

/// <summary>
/// Request durations in log-linear buckets, each 2^(1/128) (about 0.54 %) wider than the one below, stored sparse with
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

    // Dense over the indexes seen so far (a few thousand at most for durations from microseconds to a day), so
    // merging thousands of stored histograms is array arithmetic; empty buckets have a count of 0.
    private long[] counts = [];
    private double[] mins = [];
    private double[] maxs = [];
    private int offset;

    /// <summary>The number of durations held.</summary>
    public long Count { get; private set; }

    public bool IsEmpty => Count == 0;

    public static int IndexOf(double durationMs) =>
        durationMs <= 0 ? LowestIndex : Math.Max(LowestIndex, (int)Math.Floor(Math.Log2(durationMs) * BucketsPerOctave));

    public void Add(double durationMs) => Add(IndexOf(durationMs), 1, durationMs, durationMs);

    public void Merge(LatencyHistogram other)
    {
        for (var i = 0; i < other.counts.Length; i++)
        {
            if (other.counts[i] > 0)
            {
                Add(other.offset + i, other.counts[i], other.mins[i], other.maxs[i]);
            }
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
        var last = 0;
        for (var i = 0; i < counts.Length; i++)
        {
            var count = counts[i];
            if (count == 0)
            {
                continue;
            }

            last = i;
            if (below + count >= rank)
            {
                var position = rank - below - 1;
                var (min, max) = (mins[i], maxs[i]);
                return position == 0 || min == max ? min
                    : position == count - 1 ? max
                    : min + ((max - min) * position / (count - 1));
            }

            below += count;
        }

        return maxs[last];
    }

    /// <summary>
    /// The stored form: per bucket, the index's step from the previous one and the count (LEB128 varints; the
    /// count shifted left by one, its low bit set when every duration in the bucket is equal), then the smallest
    /// duration and, unless all are equal, the largest (8 bytes each, little-endian).
    /// </summary>
    public byte[] ToBytes()
    {
        var output = new List<byte>(64);
        var previous = LowestIndex;
        Span<byte> number = stackalloc byte[8];
        for (var i = 0; i < counts.Length; i++)
        {
            if (counts[i] == 0)
            {
                continue;
            }

            var index = offset + i;
            WriteVarint(output, (ulong)(index - previous));
            previous = index;
            var single = mins[i] == maxs[i];
            WriteVarint(output, ((ulong)counts[i] << 1) | (single ? 1UL : 0UL));
            BinaryPrimitives.WriteDoubleLittleEndian(number, mins[i]);
            output.AddRange(number);
            if (!single)
            {
                BinaryPrimitives.WriteDoubleLittleEndian(number, maxs[i]);
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

            Add(index, (long)(countAndFlag >> 1), min, max);
        }
    }

    private void Add(int index, long count, double min, double max)
    {
        var i = Reach(index);
        if (counts[i] == 0)
        {
            mins[i] = min;
            maxs[i] = max;
        }
        else
        {
            mins[i] = Math.Min(mins[i], min);
            maxs[i] = Math.Max(maxs[i], max);
        }

        counts[i] += count;
        Count += count;
    }

    /// <summary>The array position of a bucket index, growing the arrays (with room to spare) to hold it.</summary>
    private int Reach(int index)
    {
        if (index >= offset && index < offset + counts.Length)
        {
            return index - offset;
        }

        var low = counts.Length == 0 ? index - 32 : Math.Min(offset, index - 64);
        var high = counts.Length == 0 ? index + 32 : Math.Max(offset + counts.Length, index + 64);
        var grown = new long[high - low];
        var grownMins = new double[high - low];
        var grownMaxs = new double[high - low];
        if (counts.Length > 0)
        {
            Array.Copy(counts, 0, grown, offset - low, counts.Length);
            Array.Copy(mins, 0, grownMins, offset - low, counts.Length);
            Array.Copy(maxs, 0, grownMaxs, offset - low, counts.Length);
        }

        (counts, mins, maxs, offset) = (grown, grownMins, grownMaxs, low);
        return index - offset;
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
}
