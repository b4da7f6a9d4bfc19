using Logging.Contracts;
using Microsoft.AspNetCore.Http;
using ModuleKit.Problems;
using ModuleRuntime.Problems;
using Tweets.Contracts;

namespace ModuleRuntime.Tests.Remoting;

/// <summary>
/// A contract call to an extracted instance runs through the module's Polly pipeline: a query that failed in
/// transport is tried again, a command never is (it may have run), and repeated failures open the circuit.
/// </summary>
public sealed class RemoteCallTests : IAsyncLifetime
{
    private static readonly string Query = typeof(GetTweetCount).FullName!;
    private static readonly string Command = typeof(RecordRequests).FullName!;

    private FakeInstance instance = null!;

    public async Task InitializeAsync() => instance = await FakeInstance.StartAsync();

    public async Task DisposeAsync() => await instance.DisposeAsync();

    [Fact]
    public async Task A_query_that_fails_on_the_instance_is_tried_once_plus_its_retries()
    {
        using var process = Calling(("Remote:QueryRetries", "2"));

        var asking = () => process.Forwarder.Handle<GetTweetCount, int>(new GetTweetCount("alice"), null, CancellationToken.None);

        (await asking.Should().ThrowAsync<ModuleUnavailableException>()).WithMessage("*Tweets module is unavailable*");
        instance.AttemptsAt(Query).Should().Be(3);
    }

    [Fact]
    public async Task A_query_with_no_retries_configured_is_tried_once()
    {
        using var process = Calling(("Remote:QueryRetries", "0"));

        var asking = () => process.Forwarder.Handle<GetTweetCount, int>(new GetTweetCount("alice"), null, CancellationToken.None);

        await asking.Should().ThrowAsync<ModuleUnavailableException>();
        instance.AttemptsAt(Query).Should().Be(1);
    }

    [Fact]
    public async Task A_command_that_fails_on_the_instance_is_not_tried_again()
    {
        using var process = Calling(("Remote:QueryRetries", "2"));

        var recording = () => process.Forwarder.Handle<RecordRequests, RecordedRequests>(new RecordRequests([]), null, CancellationToken.None);

        (await recording.Should().ThrowAsync<ModuleUnavailableException>()).WithMessage("*Logging module is unavailable*");
        instance.AttemptsAt(Command).Should().Be(1);
    }

    [Fact]
    public async Task A_query_the_instance_refuses_with_a_4xx_is_not_retried_and_keeps_its_problem()
    {
        instance.Status = StatusCodes.Status400BadRequest;
        using var process = Calling(("Remote:QueryRetries", "2"));

        var asking = () => process.Forwarder.Handle<GetTweetCount, int>(new GetTweetCount("alice"), null, CancellationToken.None);

        var problem = (await asking.Should().ThrowAsync<RemoteProblemException>()).Which;
        problem.StatusCode.Should().Be(400);
        problem.Type.Should().Be("urn:problem:test");
        instance.AttemptsAt(Query).Should().Be(1);
    }

    [Fact]
    public async Task A_query_the_instance_answers_returns_its_typed_result()
    {
        instance.Status = StatusCodes.Status200OK;
        instance.Answer = "42";
        using var process = Calling();

        var count = await process.Forwarder.Handle<GetTweetCount, int>(new GetTweetCount("alice"), null, CancellationToken.None);

        count.Should().Be(42);
        instance.AttemptsAt(Query).Should().Be(1);
    }

    [Fact]
    public async Task Repeated_failures_open_the_circuit_so_further_calls_do_not_reach_the_instance()
    {
        using var process = Calling(("Remote:QueryRetries", "0"), ("Remote:BreakerMinimumThroughput", "2"), ("Remote:BreakerFailureRatio", "0.5"), ("Remote:BreakDuration", "00:01:00"));
        var recording = () => process.Forwarder.Handle<RecordRequests, RecordedRequests>(new RecordRequests([]), null, CancellationToken.None);
        await recording.Should().ThrowAsync<ModuleUnavailableException>();
        await recording.Should().ThrowAsync<ModuleUnavailableException>();
        instance.Status = StatusCodes.Status200OK;
        instance.Answer = """{"stored":0,"alreadyStored":0}""";

        var paused = await recording.Should().ThrowAsync<ModuleUnavailableException>();

        paused.WithMessage("*paused after repeated failures*");
        instance.AttemptsAt(Command).Should().Be(2, "an open circuit sends nothing");
    }

    [Fact]
    public async Task The_circuit_is_per_module()
    {
        using var process = Calling(("Remote:QueryRetries", "0"), ("Remote:BreakerMinimumThroughput", "2"), ("Remote:BreakDuration", "00:01:00"));
        var recording = () => process.Forwarder.Handle<RecordRequests, RecordedRequests>(new RecordRequests([]), null, CancellationToken.None);
        await recording.Should().ThrowAsync<ModuleUnavailableException>();
        await recording.Should().ThrowAsync<ModuleUnavailableException>();
        instance.Status = StatusCodes.Status200OK;
        instance.Answer = "7";

        var count = await process.Forwarder.Handle<GetTweetCount, int>(new GetTweetCount("alice"), null, CancellationToken.None);

        count.Should().Be(7, "Logging's failures do not pause calls to Tweets");
    }

    /// <summary>A process calling Tweets and Logging at the fake instance, both with these settings.</summary>
    private CallingProcess Calling(params (string Key, string Value)[] settings)
    {
        var all = new Dictionary<string, string?>();
        foreach (var module in new[] { "Tweets", "Logging" })
        {
            all[$"Modules:{module}:Destinations:0"] = instance.Address.ToString();
            foreach (var (key, value) in settings)
            {
                all[$"Modules:{module}:{key}"] = value;
            }
        }

        return new CallingProcess(all);
    }
}
