using ModuleRuntime.Routing;

namespace ModuleRuntime.Tests.Routing;

/// <summary>Each bad routing setting is refused with a message that names it, so a person knows what to fix.</summary>
public sealed class RoutingSetupProblemTests
{
    public static TheoryData<string, Action<ModuleRouteOptions>, string> BadSettings => new()
    {
        { "not a URL", o => o.Destinations.Add("not a url"), "Modules:Tweets:Destinations:0 is 'not a url', which is not an http(s) base URL" },
        { "not http", o => o.Destinations.Add("ftp://127.0.0.1:21"), "Modules:Tweets:Destinations:0 is 'ftp://127.0.0.1:21', which is not an http(s) base URL" },
        { "canary below 0", o => o.CanaryPercent = -0.5, "Modules:Tweets:CanaryPercent must be between 0 and 100" },
        { "canary above 100", o => o.CanaryPercent = 100.5, "Modules:Tweets:CanaryPercent must be between 0 and 100" },
        { "zero timeout", o => o.Remote.Timeout = TimeSpan.Zero, "Modules:Tweets:Remote:Timeout must be a positive duration" },
        { "negative retries", o => o.Remote.QueryRetries = -1, "Modules:Tweets:Remote:QueryRetries must be between 0 and 10" },
        { "too many retries", o => o.Remote.QueryRetries = 11, "Modules:Tweets:Remote:QueryRetries must be between 0 and 10" },
        { "zero probe interval", o => o.HealthCheck.Interval = TimeSpan.Zero, "Modules:Tweets:HealthCheck:Interval must be a positive duration" },
        { "local failure rate above 1", o => o.Faults.Local.FailureRate = 1.5, "Modules:Tweets:Faults:Local:FailureRate must be between 0 and 1" },
        { "remote latency rate below 0", o => o.Faults.Remote.LatencyRate = -0.1, "Modules:Tweets:Faults:Remote:LatencyRate must be between 0 and 1" },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public void A_bad_setting_is_named_in_the_problem(string because, Action<ModuleRouteOptions> spoil, string expected)
    {
        var options = Valid();
        spoil(options);

        RoutingSetup.Problem("Tweets", options).Should().StartWith(expected, because);
    }

    [Fact]
    public void Every_bad_setting_is_named_in_one_problem()
    {
        var options = Valid();
        options.CanaryPercent = 150;
        options.Remote.Timeout = TimeSpan.Zero;

        RoutingSetup.Problem("Tweets", options).Should().Be(
            "Modules:Tweets:CanaryPercent must be between 0 and 100; Modules:Tweets:Remote:Timeout must be a positive duration such as 00:00:05");
    }

    [Fact]
    public void Default_settings_have_no_problem() =>
        RoutingSetup.Problem("Tweets", new ModuleRouteOptions()).Should().BeNull();

    [Fact]
    public void A_remote_module_with_instances_a_canary_share_and_faults_in_range_has_no_problem()
    {
        var options = Valid();
        options.Mode = ModuleMode.Remote;
        options.Destinations.AddRange(["http://127.0.0.1:5201", "https://tweets.internal:8443/"]);
        options.CanaryPercent = 100;
        options.Remote.QueryRetries = 10;
        options.Faults.Local.FailureRate = 1;
        options.Faults.Remote.LatencyRate = 0;

        RoutingSetup.Problem("Tweets", options).Should().BeNull();
    }

    [Fact]
    public void A_remote_module_with_no_instance_listed_has_no_problem_as_its_instances_may_register_themselves()
    {
        var options = Valid();
        options.Mode = ModuleMode.Remote;

        RoutingSetup.Problem("Tweets", options).Should().BeNull();
    }

    private static ModuleRouteOptions Valid() => new();
}
