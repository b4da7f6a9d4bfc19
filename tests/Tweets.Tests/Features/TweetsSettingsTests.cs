using Tests.Shared;

namespace Tweets.Tests.Features;

/// <summary><c>Modules:Tweets:Paging</c> is checked at start-up, every problem in one message.</summary>
public sealed class TweetsSettingsTests
{
    [Fact]
    public void A_default_below_1_and_a_max_over_the_author_lookup_limit_are_both_named()
    {
        var failure = SettingsCheck.Failure<TweetsOptions, TweetsOptionsValidator>("Modules:Tweets", ("Paging:Default", "0"), ("Paging:Max", "501"));

        failure.Should().Be("Modules:Tweets:Paging:Default must be at least 1; Modules:Tweets:Paging:Max may be at most 500: "
            + "a page's authors are named in one GetUserSummaries call, which takes no more ids");
    }

    [Fact]
    public void Default_settings_pass() =>
        SettingsCheck.Failure<TweetsOptions, TweetsOptionsValidator>("Modules:Tweets").Should().BeNull();
}
