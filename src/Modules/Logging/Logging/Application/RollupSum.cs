using Logging.Domain;

namespace Logging.Application;

/// <summary>Counts and a histogram being summed for one slot and key, from records or from stored rows.</summary>
internal sealed class RollupSum
{
    public long Requests { get; private set; }

    public long ClientErrors { get; private set; }

    public long ServerErrors { get; private set; }

    public LatencyHistogram Histogram { get; } = new();

    /// <summary>The records of a batch, summed per dimension, minute and key.</summary>
    public static Dictionary<(int Dimension, long Start, string? Key), RollupSum> OfMinutes(IEnumerable<LogRecord> records)
    {
        var sums = new Dictionary<(int, long, string?), RollupSum>();
        foreach (var record in records)
        {
            var minute = record.Timestamp.ToUnixTimeMilliseconds() / RollupSpan.Minute * RollupSpan.Minute;
            foreach (var dimension in RollupDimension.Each)
            {
                var slot = (dimension, minute, RollupDimension.KeyOf(dimension, record));
                if (!sums.TryGetValue(slot, out var sum))
                {
                    sums[slot] = sum = new RollupSum();
                }

                sum.Add(record);
            }
        }

        return sums;
    }

    public void Add(LogRecord record)
    {
        Requests++;
        ClientErrors += record.Status is >= 400 and < 500 ? 1 : 0;
        ServerErrors += record.Status >= 500 ? 1 : 0;
        if (record.DurationMs is { } duration)
        {
            Histogram.Add(duration);
        }
    }

    public void Add(long requests, long clientErrors, long serverErrors, ReadOnlySpan<byte> histogram)
    {
        Requests += requests;
        ClientErrors += clientErrors;
        ServerErrors += serverErrors;
        Histogram.MergeBytes(histogram);
    }
}
