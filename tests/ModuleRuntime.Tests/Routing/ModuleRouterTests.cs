using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModuleRuntime.Routing;

namespace ModuleRuntime.Tests.Routing;

/// <summary>
/// Which side serves a module's work as configured: mode, the forcing header, the canary share, where unhosted modules
/// go, and how configuration edits take effect (rules 1 and 2 of <see cref="ModulePlacement"/>, through the router).
/// </summary>
public sealed class ModuleRouterTests
{
    private const string Instance = "http://127.0.0.1:5201";
    private const int Decisions = 10_000;

    [Fact]
    public void An_in_process_module_is_served_locally_even_when_instances_are_configured()
    {
        using var process = new RoutingProcess(Settings(("Mode", "InProcess"), ("Destinations:0", Instance)), "Tweets");

        Sides(process, "Tweets").Should().OnlyContain(side => side == ModuleSide.Local);
        process.Router.Get("Tweets").Mode.Should().Be(ModuleMode.InProcess);
    }

    [Fact]
    public void A_remote_module_is_served_by_its_instances()
    {
        using var process = new RoutingProcess(Settings(("Mode", "Remote"), ("Destinations:0", Instance)), "Tweets");

        Sides(process, "Tweets").Should().OnlyContain(side => side == ModuleSide.Remote);
        var route = process.Router.Get("Tweets");
        route.Mode.Should().Be(ModuleMode.Remote);
        route.Destinations.Should().Equal(new Uri(Instance + "/"));
        route.CanFallBack.Should().BeTrue("the module is compiled in and fallback is on by default");
    }

    [Fact]
    public void A_module_this_process_does_not_host_is_always_remote_and_goes_to_the_front_door()
    {
        using var process = new RoutingProcess(new Dictionary<string, string?> { [ModuleRouter.FrontDoorKey] = "http://127.0.0.1:5000" }, "Logging");

        var route = process.Router.Get("Tweets");

        route.Hosted.Should().BeFalse();
        route.Mode.Should().Be(ModuleMode.Remote);
        route.CanFallBack.Should().BeFalse("there is no in-process copy to fall back to");
        route.Destinations.Should().Equal(new Uri("http://127.0.0.1:5000/"));
        process.Choose("Tweets", WithHeader("local")).Should().Be(ModuleSide.Remote, "a module that is not here cannot be forced here");
        process.Choose("Tweets").Should().Be(ModuleSide.Remote);
    }

    [Fact]
    public void A_module_this_process_does_not_host_uses_its_own_instances_when_they_are_configured()
    {
        using var process = new RoutingProcess(new Dictionary<string, string?>
        {
            [ModuleRouter.FrontDoorKey] = "http://127.0.0.1:5000",
            ["Modules:Tweets:Destinations:0"] = Instance,
        }, "Logging");

        process.Router.Get("Tweets").Destinations.Should().Equal(new Uri(Instance + "/"));
    }

    [Fact]
    public void A_module_this_process_does_not_host_has_no_address_without_FrontDoor_Url()
    {
        using var process = new RoutingProcess(new Dictionary<string, string?>(), "Logging");

        process.Router.Get("Tweets").Destinations.Should().BeEmpty();
        process.Choose("Tweets").Should().Be(ModuleSide.Remote);
    }

    [Theory]
    [InlineData("local")]
    [InlineData("LOCAL")]
    public void The_header_forces_a_remote_module_onto_the_local_copy(string value)
    {
        using var process = new RoutingProcess(Settings(("Mode", "Remote"), ("Destinations:0", Instance)), "Tweets");

        process.Choose("Tweets", WithHeader(value)).Should().Be(ModuleSide.Local);
    }

    [Theory]
    [InlineData("remote")]
    [InlineData("Remote")]
    public void The_header_forces_an_in_process_module_onto_its_instances(string value)
    {
        using var process = new RoutingProcess(Settings(("Mode", "InProcess"), ("Destinations:0", Instance)), "Tweets");

        process.Choose("Tweets", WithHeader(value)).Should().Be(ModuleSide.Remote);
    }

    [Fact]
    public void The_header_cannot_force_a_module_without_instances_away_from_the_local_copy()
    {
        using var process = new RoutingProcess(Settings(("Mode", "InProcess")), "Tweets");

        process.Choose("Tweets", WithHeader("remote")).Should().Be(ModuleSide.Local);
    }

    [Fact]
    public void An_unknown_header_value_leaves_the_choice_to_the_mode()
    {
        using var process = new RoutingProcess(Settings(("Mode", "Remote"), ("Destinations:0", Instance)), "Tweets");

        process.Choose("Tweets", WithHeader("sideways")).Should().Be(ModuleSide.Remote);
    }

    [Fact]
    public void A_canary_share_of_0_sends_nothing_to_the_instances()
    {
        using var process = new RoutingProcess(Settings(("Destinations:0", Instance), ("CanaryPercent", "0")), "Tweets");

        Sides(process, "Tweets").Should().OnlyContain(side => side == ModuleSide.Local);
    }

    [Fact]
    public void A_canary_share_of_100_sends_everything_to_the_instances()
    {
        using var process = new RoutingProcess(Settings(("Destinations:0", Instance), ("CanaryPercent", "100")), "Tweets");

        Sides(process, "Tweets").Should().OnlyContain(side => side == ModuleSide.Remote);
    }

    [Fact]
    public void A_canary_share_of_25_sends_about_a_quarter_to_the_instances()
    {
        using var process = new RoutingProcess(Settings(("Destinations:0", Instance), ("CanaryPercent", "25")), "Tweets");

        var remote = Sides(process, "Tweets").Count(side => side == ModuleSide.Remote);

        // 2 500 expected, standard deviation about 43: this band is more than ten deviations wide on each side.
        remote.Should().BeInRange(2_000, 3_000);
    }

    [Fact]
    public void A_canary_share_needs_instances_to_send_to()
    {
        using var process = new RoutingProcess(Settings(("CanaryPercent", "100")), "Tweets");

        Sides(process, "Tweets").Should().OnlyContain(side => side == ModuleSide.Local);
    }

    [Fact]
    public void Flipping_the_mode_in_the_configuration_moves_the_module_without_a_restart()
    {
        using var process = new RoutingProcess(Settings(("Mode", "InProcess"), ("Destinations:0", Instance)), "Tweets");
        var router = process.Router;
        process.Choose("Tweets").Should().Be(ModuleSide.Local);
        var changes = 0;
        router.Changed += () => changes++;

        process.Reload(Settings(("Mode", "Remote")));

        process.Choose("Tweets").Should().Be(ModuleSide.Remote);
        changes.Should().BeGreaterThan(0, "the front door rebuilds its clusters when told");

        process.Reload(Settings(("Mode", "InProcess")));

        process.Choose("Tweets").Should().Be(ModuleSide.Local);
    }

    [Theory]
    [InlineData("CanaryPercent", "150")]
    [InlineData("Destinations:0", "not a url")]
    [InlineData("Remote:QueryRetries", "11")]
    public void An_invalid_edit_keeps_the_last_good_routing(string key, string value)
    {
        using var process = new RoutingProcess(Settings(("Mode", "Remote"), ("Destinations:0", Instance), ("CanaryPercent", "5")), "Tweets");
        var before = process.Router.Get("Tweets");

        process.Reload(Settings(("Mode", "InProcess"), (key, value)));

        var after = process.Router.Get("Tweets");
        after.Should().BeSameAs(before);
        after.Mode.Should().Be(ModuleMode.Remote);
        after.Options.CanaryPercent.Should().Be(5);
        process.Choose("Tweets").Should().Be(ModuleSide.Remote);
    }

    [Fact]
    public void An_invalid_edit_is_logged_with_the_setting_to_fix()
    {
        var logged = new LoggedErrors();
        using var process = new RoutingProcess(
            Settings(("Mode", "Remote"), ("Destinations:0", Instance)), ["Tweets"], (services, _) => services.AddSingleton<ILoggerProvider>(logged));
        _ = process.Router.Get("Tweets");

        process.Reload(Settings(("CanaryPercent", "150")));

        logged.Messages.Should().ContainSingle().Which.Should().Contain("Modules:Tweets:CanaryPercent").And.Contain("previous routing stays in force");
    }

    [Fact]
    public void A_valid_edit_after_an_invalid_one_takes_effect()
    {
        using var process = new RoutingProcess(Settings(("Mode", "Remote"), ("Destinations:0", Instance)), "Tweets");
        _ = process.Router.Get("Tweets");
        process.Reload(Settings(("CanaryPercent", "-1")));

        process.Reload(Settings(("CanaryPercent", "0"), ("Mode", "InProcess")));

        process.Router.Get("Tweets").Mode.Should().Be(ModuleMode.InProcess);
    }

    [Fact]
    public void An_invalid_configuration_at_start_names_the_setting()
    {
        using var process = new RoutingProcess(Settings(("Mode", "Remote"), ("Destinations:0", "not a url")), "Tweets");

        var reading = () => process.Router.Get("Tweets");

        reading.Should().Throw<InvalidOperationException>().WithMessage("*Modules:Tweets:Destinations:0*");
    }

    [Fact]
    public void Instances_a_source_finds_join_the_configured_ones_each_address_once_and_a_change_rebuilds_the_route()
    {
        var registry = new ListedInstances();
        using var process = new RoutingProcess(
            Settings(("Mode", "Remote"), ("Destinations:0", Instance)), ["Tweets"], (services, _) => services.AddSingleton<IInstanceSource>(registry));
        var router = process.Router;
        router.Get("Tweets").Destinations.Should().Equal(new Uri(Instance + "/"));
        var changes = 0;
        router.Changed += () => changes++;

        registry.Set("Tweets", "http://127.0.0.1:5202/", Instance + "/");

        changes.Should().Be(1, "the front door rebuilds its clusters when a source's instances change");
        router.Get("Tweets").Destinations.Should().Equal(new Uri(Instance + "/"), new Uri("http://127.0.0.1:5202/"));
        router.Instances("Tweets").Select(i => (i.Address.ToString(), i.Source)).Should().Equal(
            (Instance + "/", InstanceSources.Configured), ("http://127.0.0.1:5202/", InstanceSources.Registered), (Instance + "/", InstanceSources.Registered));

        registry.Set("Tweets");

        router.Get("Tweets").Destinations.Should().Equal(new Uri(Instance + "/"));
    }

    /// <summary>A source of instances the test sets by hand.</summary>
    private sealed class ListedInstances : IInstanceSource
    {
        private readonly Dictionary<string, IReadOnlyList<ModuleInstance>> instances = new(StringComparer.OrdinalIgnoreCase);

        public event Action<string>? Changed;

        public IReadOnlyList<ModuleInstance> Instances(string module) => instances.GetValueOrDefault(module) ?? [];

        public void Set(string module, params string[] addresses)
        {
            instances[module] = [.. addresses.Select(a => new ModuleInstance(new Uri(a), InstanceSources.Registered))];
            Changed?.Invoke(module);
        }
    }

    private static List<ModuleSide> Sides(RoutingProcess process, string module) =>
        [.. Enumerable.Range(0, Decisions).Select(_ => process.Choose(module))];

    private static DefaultHttpContext WithHeader(string value)
    {
        var http = new DefaultHttpContext();
        http.Request.Headers[ModulePlacement.ForceHeader] = value;
        return http;
    }

    private static Dictionary<string, string?> Settings(params (string Key, string Value)[] tweets) =>
        tweets.ToDictionary(s => $"Modules:Tweets:{s.Key}", s => (string?)s.Value);

    private sealed class LoggedErrors : ILoggerProvider
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> messages = new();

        public IReadOnlyList<string> Messages => [.. messages];

        public ILogger CreateLogger(string categoryName) => new Logger(messages);

        public void Dispose()
        {
        }

        private sealed class Logger(System.Collections.Concurrent.ConcurrentQueue<string> messages) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (IsEnabled(logLevel))
                {
                    messages.Enqueue(formatter(state, exception));
                }
            }
        }
    }
}
