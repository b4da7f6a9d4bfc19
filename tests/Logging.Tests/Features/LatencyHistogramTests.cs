using Logging.Application;

namespace Logging.Tests.Features;

/// <summary>The roll-ups' latency histogram: bounded error, exact merges and a stored form that reads back the same.</summary>
public sealed class LatencyHistogramTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Percentiles_are_within_0_55_percent_of_the_exact_nearest_rank_ones(int seed)
    {
        var random = new Random(seed);
        var durations = Enumerable.Range(0, 50_000).Select(_ => Math.Round(Math.Exp((random.NextDouble() * 14) - 5), 6)).ToList();
        var histogram = new LatencyHistogram();
        durations.ForEach(histogram.Add);
        var sorted = durations.Order().ToList();

        foreach (var percent in new[] { 1, 10, 50, 90, 95, 99, 100 })
        {
            var exact = sorted[(int)(((percent * (long)sorted.Count) + 99) / 100) - 1];

            histogram.Percentile(percent).Should().BeApproximately(exact, exact * 0.0055, $"p{percent}");
        }
    }

    [Fact]
    public void A_bucket_of_equal_durations_and_a_bucket_s_first_and_last_rank_give_exact_values()
    {
        var histogram = new LatencyHistogram();
        // 100 to 100.3 fall in one bucket (850 of 128 per doubling); 12.5 three times in another.
        foreach (var duration in new[] { 12.5, 12.5, 12.5, 100, 100.1, 100.2, 100.3 })
        {
            histogram.Add(duration);
        }

        histogram.Percentile(42).Should().Be(12.5, "rank 3 of 7");
        histogram.Percentile(57).Should().Be(100, "rank 4 is the first of the bucket");
        histogram.Percentile(58).Should().BeInRange(100, 100.3, "rank 5 lies inside the bucket");
        histogram.Percentile(100).Should().Be(100.3, "rank 7 is the last of the bucket");
        new LatencyHistogram().Percentile(50).Should().BeNull();
    }

    [Fact]
    public void Merging_stored_histograms_in_any_order_gives_the_same_histogram_as_adding_every_duration()
    {
        var random = new Random(4);
        var parts = Enumerable.Range(0, 5).Select(_ => Enumerable.Range(0, 300).Select(_ => random.NextDouble() * 900).ToList()).ToList();
        var whole = new LatencyHistogram();
        parts.SelectMany(p => p).ToList().ForEach(whole.Add);

        var forward = new LatencyHistogram();
        var backward = new LatencyHistogram();
        foreach (var part in parts)
        {
            var histogram = new LatencyHistogram();
            part.ForEach(histogram.Add);
            forward.MergeBytes(histogram.ToBytes());
        }

        foreach (var part in Enumerable.Reverse(parts))
        {
            var histogram = new LatencyHistogram();
            part.ForEach(histogram.Add);
            backward.Merge(LatencyHistogram.FromBytes(histogram.ToBytes()));
        }

        forward.ToBytes().Should().Equal(whole.ToBytes());
        backward.ToBytes().Should().Equal(whole.ToBytes());
        forward.Count.Should().Be(1_500);
    }

    [Fact]
    public void Zero_and_durations_below_a_microsecond_share_the_lowest_bucket_and_keep_their_extremes()
    {
        var histogram = LatencyHistogram.FromBytes(Stored(0, 0.0001, 0.0005));

        histogram.Percentile(1).Should().Be(0);
        histogram.Percentile(100).Should().Be(0.0005);
        LatencyHistogram.IndexOf(0).Should().Be(LatencyHistogram.IndexOf(0.0005));
    }

    private static byte[] Stored(params double[] durations)
    {
        var histogram = new LatencyHistogram();
        foreach (var duration in durations)
        {
            histogram.Add(duration);
        }

        return histogram.ToBytes();
    }
}
