namespace Extraction.Tests.Routing;

/// <summary>How the only extracted instance goes away.</summary>
public enum Ending
{
    /// <summary>SIGTERM: it finishes the requests it holds and takes no new ones (a deploy, a scale-down).</summary>
    Stopped,

    /// <summary>SIGKILL: it dies with requests in flight (a crash, the OOM killer).</summary>
    Killed,
}

/// <summary>
/// The only extracted instance of Tweets goes away while clients use it; the clients post as the web UI does, each post
/// with an Idempotency-Key, sent once more with that key when it got no answer. With fallback on, the in-process copy
/// takes over and nothing fails, not even a POST in flight as the instance dies (the front door sends it on to the
/// in-process copy, which answers from what the instance stored, if it stored it), and no tweet is stored twice. With
/// fallback off, only Tweets' routes fail, each with a 503 problem, while Users keeps answering; once the instance is
/// back, Tweets' routes answer again. Each claim is checked for every request of the load, including those in flight
/// as the instance went away.
/// </summary>
public sealed class InstanceLossTests(ITestOutputHelper output)
{
    private const int Workers = 8;

    // Room for the 503s (with back-off) while Tweets is down before the test has seen enough of them.
    private const int MaxPerWorker = 300;
    private const int Enough = 40;
    private const string Unavailable = "urn:problem:module-unavailable";

    /// <summary>Every request of the load is served, and the tweets stored are exactly one per key the clients used.</summary>
    [Theory]
    [InlineData(Ending.Stopped)]
    [InlineData(Ending.Killed)]
    public async Task With_fallback_on_losing_the_only_instance_under_load_fails_no_request_and_stores_no_tweet_twice(Ending ending)
    {
        await LoseTheInstanceUnderLoad(ending, fallback: true, (outcomes, posts) =>
        {
            outcomes.Where(o => o.PhaseAtStart == "gone").Should().HaveCountGreaterThanOrEqualTo(Enough);
            outcomes.Where(o => !o.Served).Should().BeEmpty("the in-process copy serves what the lost instance cannot, in flight or not: {0}", outcomes.Where(o => !o.Served).Show());
            posts.Tweets.Should().Be(posts.Keys, "each key the clients used stored its tweet once");
            if (ending == Ending.Killed)
            {
                posts.InFlightAtEnd.Should().BeGreaterThanOrEqualTo(2, "posts were in flight at the instance as it died, and they too were served");
            }
            posts.DistinctTexts.Should().Be(posts.Tweets, "no request's tweet was stored twice");
        });
    }

    [Theory]
    [InlineData(Ending.Stopped)]
    [InlineData(Ending.Killed)]
    public async Task With_fallback_off_once_the_only_instance_is_gone_only_its_routes_fail_each_with_a_503_problem(Ending ending)
    {
        await LoseTheInstanceUnderLoad(ending, fallback: false, (outcomes, _) =>
        {
            var users = outcomes.Where(o => !IsTweets(o)).ToList();
            users.Where(o => !o.Served).Should().BeEmpty("Users' routes do not depend on the Tweets instance: {0}", users.Where(o => !o.Served).Show());
            var tweetsGone = outcomes.Where(o => IsTweets(o) && o.PhaseAtStart == "gone").ToList();
            tweetsGone.Should().NotBeEmpty().And.OnlyContain(o => IsUnavailable(o), "with no instance and no fallback, Tweets answers 503: {0}", tweetsGone.Show());
            var before = outcomes.Where(o => IsTweets(o) && o.PhaseAtEnd == "extracted").ToList();
            before.Where(o => !o.Served).Should().BeEmpty("the instance served everything while it lived: {0}", before.Where(o => !o.Served).Show());
        });
    }

    /// <summary>
    /// A keyed POST in flight as the instance goes away is not answered 502 ("may have taken effect") but, as there is no
    /// other instance, 503 like every other request: with its key the client can send it again safely.
    /// </summary>
    [Theory]
    [InlineData(Ending.Stopped)]
    [InlineData(Ending.Killed)]
    public async Task With_fallback_off_losing_the_only_instance_under_load_fails_only_its_routes_with_503_problems(Ending ending)
    {
        await LoseTheInstanceUnderLoad(ending, fallback: false, (outcomes, posts) =>
        {
            posts.DistinctTexts.Should().Be(posts.Tweets, "no request's tweet was stored twice");
            outcomes.Where(o => !o.Served && !(IsTweets(o) && IsUnavailable(o))).Should().BeEmpty(
                "only Tweets requests fail, each with a 503 problem of type {0}: {1}", Unavailable, outcomes.Where(o => !o.Served && !(IsTweets(o) && IsUnavailable(o))).Show());
        });
    }

    /// <summary>
    /// Tweets extracted (fallback as given), eight clients using it (with fallback off, half of them use Users
    /// instead), the instance ended part way; <paramref name="check"/> judges the load's outcomes. With fallback off
    /// the instance is then started again and a short second loop must be served in full.
    /// </summary>
    private async Task LoseTheInstanceUnderLoad(Ending ending, bool fallback, Action<IReadOnlyList<Outcome>, StoredPosts> check)
    {
        await using var deployment = new Deployment("Tweets");
        await deployment.Run(output, async () =>
        {
            await deployment.Start();
            await deployment.Route(("Tweets:Mode", "Remote"), ("Tweets:Fallback", fallback ? "true" : "false"));
            var users = Traffic.NewUsers(Workers, "k");
            var clients = new HttpClient[Workers];
            for (var w = 0; w < Workers; w++)
            {
                clients[w] = await deployment.SignedIn(users[w]);
            }

            var posts = new KeyedPosts();
            Func<int, int, LoadStep> next = fallback
                ? (w, i) => Traffic.Tweets(clients[w], users[w], i, posts)
                : (w, i) => w % 2 == 0 ? Traffic.Tweets(clients[w], users[w], i, posts) : Traffic.Users(clients[w], users[w], i);
            var start = await deployment.Module("Tweets");
            var load = Load.Start(Workers, MaxPerWorker, next);
            load.Phase = "extracted";
            await Eventually.Until(
                async () => (await deployment.Module("Tweets")).Traffic.Remote.Requests >= start.Traffic.Remote.Requests + Enough,
                "the extracted service serves Tweets' requests",
                async () => JsonSerializer.Serialize(await deployment.Module("Tweets")));

            load.Phase = "ending";
            var inFlight = await End(deployment, ending, posts);
            var gone = await deployment.Module("Tweets");
            load.Phase = "gone";
            await Eventually.Until(
                async () => fallback
                    ? (await deployment.Module("Tweets")).Traffic.Fallback.Requests >= gone.Traffic.Fallback.Requests + Enough
                    : load.Outcomes.Count(o => o.PhaseAtStart == "gone" && IsTweets(o)) >= Enough
                        && load.Outcomes.Count(o => o.PhaseAtStart == "gone" && !IsTweets(o)) >= Enough / 2,
                fallback ? "the in-process copy serves Tweets' requests in place of the lost instance" : "requests to both modules are sent while Tweets is down",
                async () => $"{load.Completed} requests done; {JsonSerializer.Serialize(await deployment.Module("Tweets"))}");
            var outcomes = await load.Stop();
            var stored = StoredPosts.Of(deployment, users, posts, inFlight);
            output.WriteLine(Phases(outcomes));
            output.WriteLine($"Not served: {outcomes.Where(o => !o.Served).Show()}");
            output.WriteLine($"Keyed posts: {stored.Keys} keys, {inFlight} in flight as the instance ended, {posts.Repeats} sent again by the client; tweets stored: {stored.Tweets}, distinct texts: {stored.DistinctTexts}");
            check(outcomes, stored);

            if (fallback)
            {
                await EachRequestIsOneFallback(deployment, clients, users);
            }
            else
            {
                await deployment.Service("Tweets").Start();
                await deployment.Healthy("Tweets");
                // Later request numbers, so the accounts this loop signs up are new ones.
                var again = Load.Start(Workers, 5, (w, i) => next(w, MaxPerWorker + i));
                await again.Finished;
                again.Outcomes.Where(o => !o.Served).Should().BeEmpty("the restarted instance serves Tweets again: {0}", again.Outcomes.Where(o => !o.Served).Show());
            }
        });
    }

    /// <summary>
    /// With the instance gone, what the operations endpoint says about requests the clients saw succeed: each is one
    /// fallback, none a remote error (the numbers an operator reads must not show failures nobody had).
    /// </summary>
    private static async Task EachRequestIsOneFallback(Deployment deployment, HttpClient[] clients, string[] users)
    {
        const int Requests = 40;
        var before = (await deployment.Module("Tweets")).Traffic;
        // After the load's request numbers, so the tweets posted are new ones.
        var load = Load.Start(1, Requests, (_, i) => Traffic.Tweets(clients[0], users[0], (2 * MaxPerWorker) + i));
        await load.Finished;
        var after = (await deployment.Module("Tweets")).Traffic;

        load.Outcomes.Should().HaveCount(Requests);
        load.Outcomes.Where(o => !o.Served).Should().BeEmpty("the clients saw no error: {0}", load.Outcomes.Where(o => !o.Served).Show());
        new
        {
            Fallbacks = after.Fallback.Requests - before.Fallback.Requests,
            FallbackErrors = after.Fallback.Errors - before.Fallback.Errors,
            Remote = after.Remote.Requests - before.Remote.Requests,
            RemoteErrors = after.Remote.Errors - before.Remote.Errors,
            Local = after.Local.Requests - before.Local.Requests,
        }.Should().BeEquivalentTo(
            new { Fallbacks = (long)Requests, FallbackErrors = 0L, Remote = 0L, RemoteErrors = 0L, Local = 0L },
            "each request was meant for the lost instance and served in-process: one fallback, not a remote error");
    }

    /// <summary>
    /// Ends the instance; a kill comes while posts are surely in flight at the instance: the Tweets database's write
    /// lock is held until a few of them wait for it there, and let go once the instance is dead. Returns how many
    /// posts were waiting as it ended.
    /// </summary>
    private static async Task<int> End(Deployment deployment, Ending ending, KeyedPosts posts)
    {
        if (ending == Ending.Stopped)
        {
            var waiting = posts.InFlight;
            await deployment.Service("Tweets").Stop();
            return waiting;
        }

        using (Sqlite.HoldWriteLock(deployment.DatabaseFile("Tweets")))
        {
            await Eventually.Until(() => posts.InFlight >= 2, "posts wait for the write lock at the instance", () => $"{posts.InFlight} in flight");
            var waiting = posts.InFlight;
            deployment.Service("Tweets").Kill();
            return waiting;
        }
    }

    /// <summary>What the load's keyed posts left in the Tweets database, read directly from the file.</summary>
    private sealed record StoredPosts(long Keys, long Tweets, long DistinctTexts, int InFlightAtEnd)
    {
        public static StoredPosts Of(Deployment deployment, string[] users, KeyedPosts posts, int inFlightAtEnd)
        {
            var parameters = users.Select((u, i) => ($"$u{i.ToString(System.Globalization.CultureInfo.InvariantCulture)}", (object?)u)).ToArray();
            var authors = string.Join(", ", parameters.Select(p => p.Item1));
            var file = deployment.DatabaseFile("Tweets");
            return new StoredPosts(
                posts.Keys.Distinct().Count(),
                Sqlite.Count(file, $"SELECT COUNT(*) FROM Tweets WHERE AuthorId IN ({authors}) AND Text LIKE '% says %'", parameters),
                Sqlite.Count(file, $"SELECT COUNT(DISTINCT Text) FROM Tweets WHERE AuthorId IN ({authors}) AND Text LIKE '% says %'", parameters),
                inFlightAtEnd);
        }
    }

    private static string Phases(IReadOnlyList<Outcome> outcomes) =>
        $"{outcomes.Count} requests; per phase: {string.Join(", ", outcomes.GroupBy(o => o.PhaseAtStart).Select(g => $"{g.Key} {g.Count()}"))}";

    private static bool IsTweets(Outcome outcome) => outcome.Label.Contains("/api/tweets", StringComparison.Ordinal);

    private static bool IsUnavailable(Outcome outcome) => outcome is { Status: 503, ProblemType: Unavailable };
}
