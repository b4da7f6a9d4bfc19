namespace Extraction.Tests.Routing;

/// <summary>
/// Moving a module out to its extracted service and back, by rewriting the routes file while eight clients keep
/// using it, fails no request. Fallback is off, so no failed hop can hide behind the in-process copy: every request
/// is served by whichever side the routing names at that moment.
/// </summary>
public sealed class FlipUnderLoadTests(ITestOutputHelper output)
{
    private const int Workers = 8;

    // Bounds the loop by count even if the moves never took effect; the test stops it as soon as both moves are seen.
    private const int MaxPerWorker = 150;

    // Requests each side must serve after a move before the next step: traffic really moved, not one stray request.
    private const int Moved = 40;

    [Theory]
    [InlineData("Tweets")]
    [InlineData("Users")]
    public async Task Moving_a_module_out_and_back_in_under_load_fails_no_request(string module)
    {
        await using var deployment = new Deployment(module);
        await MoveOutAndBackIn(deployment, module, output);
    }

    /// <summary>The whole scenario on a deployment that extracts <paramref name="module"/>, whatever its databases and transport.</summary>
    internal static Task MoveOutAndBackIn(Deployment deployment, string module, ITestOutputHelper output) =>
        deployment.Run(output, async () =>
        {
            await deployment.Start();
            var users = Traffic.NewUsers(Workers, "f");
            var clients = new HttpClient[Workers];
            for (var w = 0; w < Workers; w++)
            {
                clients[w] = await deployment.SignedIn(users[w]);
            }

            var serviceLog = deployment.Service(module).Log().Length;
            var load = Load.Start(Workers, MaxPerWorker, (w, i) => module == "Tweets"
                ? Traffic.Tweets(clients[w], users[w], i)
                : Traffic.Users(clients[w], users[w], i));

            load.Phase = "in-process";
            await load.Advance(Moved);

            var before = await deployment.Module(module);
            load.Phase = "moving out";
            await deployment.Route(($"{module}:Mode", "Remote"), ($"{module}:Fallback", "false"));
            load.Phase = "extracted";
            await Eventually.Until(
                async () => (await deployment.Module(module)).Traffic.Remote.Requests >= before.Traffic.Remote.Requests + Moved,
                $"the extracted {module} service serves {Moved} requests",
                async () => $"{load.Completed} requests done; {JsonSerializer.Serialize(await deployment.Module(module))}");

            var extracted = await deployment.Module(module);
            load.Phase = "moving in";
            await deployment.Route(($"{module}:Fallback", "false"));
            load.Phase = "back in-process";
            await Eventually.Until(
                async () => (await deployment.Module(module)).Traffic.Local.Requests >= extracted.Traffic.Local.Requests + Moved,
                $"the in-process {module} module serves {Moved} requests again",
                async () => $"{load.Completed} requests done; {JsonSerializer.Serialize(await deployment.Module(module))}");

            var outcomes = await load.Stop();
            output.WriteLine($"{outcomes.Count} requests; per phase: {string.Join(", ", outcomes.GroupBy(o => o.PhaseAtStart).Select(g => $"{g.Key} {g.Count()}"))}");
            outcomes.Where(o => !o.Served).Should().BeEmpty("no request fails while the module moves: {0}", outcomes.Where(o => !o.Served).Show());
            var after = await deployment.Module(module);
            after.Traffic.Remote.Errors.Should().Be(before.Traffic.Remote.Errors, "no forwarded request failed");
            after.Traffic.Local.Errors.Should().Be(before.Traffic.Local.Errors, "no request served in-process failed");
            deployment.Service(module).Log()[serviceLog..].Should().Contain($"/api/{module.ToLowerInvariant()}",
                "the extracted service's own log shows it served the module's public routes");
        });
}
