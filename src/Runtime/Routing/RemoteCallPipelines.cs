using ModuleKit;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace ModuleRuntime.Routing;

/// <summary>
/// The Polly pipelines a remote contract call runs through: a circuit breaker shared by all calls to the module,
/// a timeout per attempt, and for queries only, retries with jittered backoff (a command might have run).
/// </summary>
internal sealed class RemoteCallPipelines
{
    public RemoteCallPipelines(string module, RemoteCallOptions options)
    {
        var transient = new PredicateBuilder().Handle<RemoteTransportException>().Handle<TimeoutRejectedException>();
        var breaker = new ResiliencePipelineBuilder { Name = $"{module}-breaker" }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                FailureRatio = Math.Clamp(options.BreakerFailureRatio, 0.01, 1),
                MinimumThroughput = Math.Max(2, options.BreakerMinimumThroughput),
                SamplingDuration = TimeSpan.FromSeconds(30),
                BreakDuration = options.BreakDuration > TimeSpan.FromSeconds(0.5) ? options.BreakDuration : TimeSpan.FromSeconds(0.5),
                ShouldHandle = transient,
                StateProvider = Breaker,
            })
            .Build();
        var timeout = new ResiliencePipelineBuilder().AddTimeout(options.Timeout).Build();

        Command = new ResiliencePipelineBuilder().AddPipeline(breaker).AddPipeline(timeout).Build();
        var query = new ResiliencePipelineBuilder();
        if (options.QueryRetries > 0)
        {
            query.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = options.QueryRetries,
                DelayGenerator = Retries(options).ForRetries(),
                ShouldHandle = transient,
            });
        }

        Query = query.AddPipeline(breaker).AddPipeline(timeout).Build();
    }

    public ResiliencePipeline Command { get; }

    /// <summary>The circuit shared by all calls to the module, as the metrics show it.</summary>
    public CircuitBreakerStateProvider Breaker { get; } = new();

    public ResiliencePipeline Query { get; }

    /// <summary>
    /// Short and jittered, since a caller is waiting. Capped at one attempt's timeout: a longer pause only delays the
    /// caller's answer, and the breaker, not the pause, is what spares a struggling instance.
    /// </summary>
    public static Backoff Retries(RemoteCallOptions options) => new(TimeSpan.FromMilliseconds(50), options.Timeout, Jitter: true);
}

/// <summary>The extracted instance could not be reached or failed on its side (5xx); worth another attempt for a query.</summary>
public sealed class RemoteTransportException(string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>True when the request never reached the instance, so serving it locally cannot run it twice.</summary>
    public bool NotDelivered { get; init; }
}
