using ModuleRuntime.Routing;

namespace ModuleRuntime.Tests.Routing;

/// <summary>The one round-robin pick every list of instances uses.</summary>
public sealed class RoundRobinTests
{
    private static readonly string[] Items = ["a", "b", "c"];

    [Fact]
    public void Picks_take_every_item_in_turn()
    {
        var turns = new RoundRobin();

        var picks = Enumerable.Range(0, 6).Select(_ => turns.Pick(Items)).ToList();

        picks.Should().Equal("b", "c", "a", "b", "c", "a");
    }

    [Fact]
    public void An_empty_list_gives_nothing()
    {
        new RoundRobin().Pick(Array.Empty<string>()).Should().BeNull();
        new RoundRobin().Pick(Array.Empty<string>(), _ => true).Should().BeNull();
    }

    [Fact]
    public void Unfit_items_are_skipped()
    {
        var turns = new RoundRobin();

        var picks = Enumerable.Range(0, 6).Select(_ => turns.Pick(Items, item => item != "b")).ToList();

        picks.Should().NotContain("b").And.Contain("a").And.Contain("c");
    }

    [Fact]
    public void With_no_fit_item_each_is_tried_once_and_nothing_is_picked()
    {
        var tried = new List<string>();

        var pick = new RoundRobin().Pick(Items, item =>
        {
            tried.Add(item);
            return false;
        });

        pick.Should().BeNull();
        tried.Should().BeEquivalentTo(Items);
    }

    [Fact]
    public void Picks_from_many_threads_stay_even()
    {
        var turns = new RoundRobin();
        var counts = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();

        Parallel.For(0, 30_000, _ => counts.AddOrUpdate(turns.Pick(Items)!, 1, (_, n) => n + 1));

        counts.Values.Should().AllBeEquivalentTo(10_000);
    }
}
