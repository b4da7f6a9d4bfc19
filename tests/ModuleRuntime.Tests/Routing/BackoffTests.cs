using ModuleRuntime.Routing;
using Polly;
using Polly.Retry;

namespace ModuleRuntime.Tests.Routing;

/// <summary>The one back-off every retry loop uses: the outbox, the request-log shipper and remote queries.</summary>
public sealed class BackoffTests
{
    [Fact]
    public void Each_wait_doubles_from_the_first_up_to_the_cap()
    {
        var backoff = new Backoff(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1));

        var waits = Enumerable.Range(0, 5).Select(backoff.Delay).Select(d => d.TotalMilliseconds).ToList();

        waits.Should().Equal(200, 400, 800, 1000, 1000);
    }

    [Theory]
    [InlineData(64)]
    [InlineData(10_000)]
    [InlineData(int.MaxValue)]
    public void A_long_run_of_failures_stays_at_the_cap(int failures)
    {
        new Backoff(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(30)).Delay(failures).Should().Be(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public void With_jitter_each_wait_lies_in_the_upper_half_of_its_step()
    {
        var backoff = new Backoff(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(800), Jitter: true);

        for (var failures = 0; failures < 6; failures++)
        {
            var step = Math.Min(100 * Math.Pow(2, failures), 800);
            var waits = Enumerable.Range(0, 200).Select(_ => backoff.Delay(failures).TotalMilliseconds).ToList();

            waits.Should().OnlyContain(w => w >= step / 2 && w <= step, $"after {failures} failures the step is {step} ms");
        }
    }

    [Fact]
    public async Task Polly_retries_wait_as_the_back_off_says()
    {
        var backoff = new Backoff(TimeSpan.FromTicks(10), TimeSpan.FromTicks(30));
        var waits = new List<TimeSpan>();
        var pipeline = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = 3,
                DelayGenerator = backoff.ForRetries(),
                OnRetry = args =>
                {
                    waits.Add(args.RetryDelay);
                    return default;
                },
            })
            .Build();

        var failing = () => pipeline.ExecuteAsync(_ => ValueTask.FromException(new InvalidOperationException("fails on purpose"))).AsTask();

        await failing.Should().ThrowAsync<InvalidOperationException>();
        waits.Should().Equal(TimeSpan.FromTicks(10), TimeSpan.FromTicks(20), TimeSpan.FromTicks(30));
    }
}
