using Microsoft.Extensions.DependencyInjection;
using ModuleRuntime.Routing;

namespace ModuleRuntime.Tests.Routing;

/// <summary>The placement policy's three rules, each pinned on its own: served here, forwarded (to which instance), fallen back.</summary>
public sealed class ModulePlacementTests
{
    private const string First = "http://127.0.0.1:5201/";
    private const string Second = "http://127.0.0.1:5202/";

    private readonly ManualClock clock = new(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Rule_1_an_in_process_module_serves_here_the_work_outside_its_canary_share()
    {
        using var process = Process(("Mode", "InProcess"), ("CanaryPercent", "10"));
        var route = process.Router.Get("Tweets");

        ModulePlacement.Choose(route, forced: null, canaryRoll: 10).Should().Be(ModuleSide.Local);
        ModulePlacement.Choose(route, forced: null, canaryRoll: 99.9).Should().Be(ModuleSide.Local);
        ModulePlacement.Choose(route, forced: null, canaryRoll: 9.99).Should().Be(ModuleSide.Remote, "a roll below the share is the canary's");
    }

    [Fact]
    public void Rule_1_forcing_local_serves_a_remote_module_here()
    {
        using var process = Process(("Mode", "Remote"));

        ModulePlacement.Choose(process.Router.Get("Tweets"), forced: "local", canaryRoll: 0).Should().Be(ModuleSide.Local);
    }

    [Fact]
    public void Rule_1_a_module_without_instances_is_served_here_even_when_forced_away()
    {
        using var process = new RoutingProcess(new Dictionary<string, string?> { ["Modules:Tweets:CanaryPercent"] = "100" }, "Tweets");

        ModulePlacement.Choose(process.Router.Get("Tweets"), forced: "remote", canaryRoll: 0).Should().Be(ModuleSide.Local);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(50)]
    [InlineData(99.9)]
    public void Rule_2_a_remote_module_is_forwarded_whatever_the_roll(double roll)
    {
        using var process = Process(("Mode", "Remote"));

        ModulePlacement.Choose(process.Router.Get("Tweets"), forced: null, canaryRoll: roll).Should().Be(ModuleSide.Remote);
    }

    [Fact]
    public void Rule_2_a_module_not_compiled_in_is_forwarded_even_when_forced_here()
    {
        using var process = new RoutingProcess(new Dictionary<string, string?> { ["Modules:Tweets:Destinations:0"] = First }, "Logging");

        ModulePlacement.Choose(process.Router.Get("Tweets"), forced: "local", canaryRoll: 99.9).Should().Be(ModuleSide.Remote);
    }

    [Fact]
    public void Rule_2_forwarded_work_goes_to_each_instance_in_turn()
    {
        using var process = Process(("Mode", "Remote"));
        var route = process.Router.Get("Tweets");

        var picks = Enumerable.Range(0, 4).Select(_ => process.Placement.Instance(route)?.ToString()).ToList();

        picks.Should().Equal(Second, First, Second, First);
    }

    [Fact]
    public void Rule_2_an_unreachable_instance_is_left_out_until_its_reactivation_period_has_passed()
    {
        using var process = Process(("Mode", "Remote"), ("HealthCheck:ReactivationPeriod", "00:00:10"));
        var route = process.Router.Get("Tweets");
        process.Placement.Unreachable(route, new Uri(Second));

        Picks(process, route).Should().OnlyContain(pick => pick == First);

        clock.Advance(TimeSpan.FromSeconds(10));

        Picks(process, route).Should().Contain(Second);
    }

    [Fact]
    public void Rule_2_no_instance_is_picked_when_none_can_be_reached()
    {
        using var process = Process(("Mode", "Remote"));
        var route = process.Router.Get("Tweets");
        process.Placement.Unreachable(route, new Uri(First));
        process.Placement.Unreachable(route, new Uri(Second));

        process.Placement.Instance(route).Should().BeNull();
    }

    [Theory]
    [InlineData(false, false, true)]
    [InlineData(false, true, true)]
    [InlineData(true, true, true)]
    [InlineData(true, false, false)]
    public void Rule_3_work_falls_back_here_only_when_it_cannot_run_twice(bool reached, bool safeToRepeat, bool expected)
    {
        using var process = Process(("Mode", "Remote"));

        ModulePlacement.FallsBack(process.Router.Get("Tweets"), reached, safeToRepeat).Should().Be(expected);
        ModulePlacement.MayGoElsewhere(reached, safeToRepeat).Should().Be(expected, "another instance is held to the same rule");
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, true)]
    public void Rule_3_work_never_falls_back_with_fallback_off(bool reached, bool safeToRepeat)
    {
        using var process = Process(("Mode", "Remote"), ("Fallback", "false"));

        ModulePlacement.FallsBack(process.Router.Get("Tweets"), reached, safeToRepeat).Should().BeFalse();
    }

    [Fact]
    public void Rule_3_work_never_falls_back_in_a_process_without_the_module()
    {
        using var process = new RoutingProcess(new Dictionary<string, string?> { ["Modules:Tweets:Destinations:0"] = First }, "Logging");

        ModulePlacement.FallsBack(process.Router.Get("Tweets"), reached: false, safeToRepeat: true).Should().BeFalse();
    }

    [Fact]
    public void Each_answer_is_counted_once_under_what_served_it()
    {
        using var process = Process(("Mode", "Remote"));
        var route = process.Router.Get("Tweets");

        process.Placement.Record(route, ServedBy.Remote, failed: true);
        process.Placement.RecordLocal(route, fallback: true, failed: false);
        process.Placement.RecordLocal(route, fallback: false, failed: true);

        var traffic = process.Get<ModuleTraffic>();
        traffic.Recent("Tweets", ServedBy.Remote).Should().Be((1L, 1L));
        traffic.Recent("Tweets", ServedBy.Fallback).Should().Be((1L, 0L));
        traffic.Recent("Tweets", ServedBy.Local).Should().Be((1L, 1L));
    }

    private static List<string?> Picks(RoutingProcess process, ModuleRoute route) =>
        [.. Enumerable.Range(0, 6).Select(_ => process.Placement.Instance(route)?.ToString())];

    /// <summary>A process hosting Tweets with two instances configured, plus these settings, on the test's clock.</summary>
    private RoutingProcess Process(params (string Key, string Value)[] settings)
    {
        var all = new Dictionary<string, string?>
        {
            ["Modules:Tweets:Destinations:0"] = First,
            ["Modules:Tweets:Destinations:1"] = Second,
        };
        foreach (var (key, value) in settings)
        {
            all[$"Modules:Tweets:{key}"] = value;
        }

        return new RoutingProcess(all, ["Tweets"], (services, _) => services.AddSingleton<TimeProvider>(clock));
    }
}
