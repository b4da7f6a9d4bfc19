namespace Extraction.Tests.Logs;

/// <summary>
/// Logging runs only in its extracted service (fallback off, so the Host never stores records itself). The service is
/// killed for a stretch of load and then started again: every request the Host served during the whole time has
/// exactly one record in the Logging database, the ones from the outage having waited in the Host's spool.
/// </summary>
public sealed class LoggingServiceOutageTests(ITestOutputHelper output)
{
    private const int Workers = 8;

    [Fact]
    public async Task While_the_Logging_service_is_dead_requests_are_served_and_afterwards_each_has_exactly_one_record()
    {
        await using var deployment = new Deployment("Logging");
        await deployment.Run(output, async () =>
        {
            await deployment.Start();
            await deployment.Route(("Logging:Mode", "Remote"), ("Logging:Fallback", "false"));
            var client = deployment.Client();
            // Paths of users that do not exist: each request is served (404 by Users, in-process) and easy to find.
            var prefix = $"/api/users/p{Guid.NewGuid().ToString("N")[..8]}_";

            var before = await Probe(client, prefix + "a_", 5);
            await Eventually.Until(
                () => RecordsPerPath(deployment, prefix + "a_").Count == before.Count,
                "the records of the requests before the outage reach the Logging service",
                () => $"{RecordsPerPath(deployment, prefix + "a_").Count} of {before.Count} stored");

            deployment.Service("Logging").Kill();
            var during = await Probe(client, prefix + "b_", 10);
            await Eventually.Until(
                () => SpooledPaths(deployment).Count(p => p.StartsWith(prefix + "b_", StringComparison.Ordinal)) == during.Count,
                "the records of the requests during the outage wait in the Host's spool",
                () => $"{SpooledPaths(deployment).Count(p => p.StartsWith(prefix + "b_", StringComparison.Ordinal))} of {during.Count} spooled");
            RecordsPerPath(deployment, prefix + "b_").Should().BeEmpty("nothing but the dead service could have stored them");

            await deployment.Service("Logging").Start();
            await deployment.Healthy("Logging");
            var after = await Probe(client, prefix + "c_", 5);

            var all = before.Concat(during).Concat(after).ToList();
            all.Should().OnlyContain(o => o.Status == 404, "every request is served whatever happens to Logging: {0}", all.Where(o => o.Status != 404).Show());
            await Eventually.Until(
                () => RecordsPerPath(deployment, prefix).Count == all.Count && !SpooledPaths(deployment).Any(p => p.StartsWith(prefix, StringComparison.Ordinal)),
                "every request's record reaches the restarted Logging service and the spool is drained",
                () => $"{RecordsPerPath(deployment, prefix).Count} of {all.Count} paths stored, {SpooledPaths(deployment).Count(p => p.StartsWith(prefix, StringComparison.Ordinal))} still spooled");

            var stored = RecordsPerPath(deployment, prefix);
            stored.Where(p => p.Value != 1).Should().BeEmpty("each request is recorded exactly once");
            stored.Keys.Should().BeEquivalentTo(all.Select(o => o.Label), "each request has its record, none is missing");
        });
    }

    /// <summary>Sends <paramref name="perWorker"/> requests from each of eight workers, each to a path of its own.</summary>
    private static async Task<IReadOnlyList<Outcome>> Probe(HttpClient client, string prefix, int perWorker)
    {
        var load = Load.Start(Workers, perWorker, (w, i) =>
        {
            var path = prefix + (w * perWorker + i).ToString(CultureInfo.InvariantCulture);
            // The label is the path: the test looks each one up in the Logging database.
            return new LoadStep(path, client, c => c.GetAsync(new Uri(path, UriKind.Relative)), 404);
        });
        await load.Finished;
        return load.Outcomes;
    }

    private static Dictionary<string, long> RecordsPerPath(Deployment deployment, string prefix) =>
        Sqlite.Rows(
                deployment.DatabaseFile("Logging"),
                "SELECT Path, COUNT(*) FROM LogRecords WHERE Source = 'host' AND substr(Path, 1, length($prefix)) = $prefix GROUP BY Path",
                r => (Path: r.GetString(0), Count: r.GetInt64(1)),
                ("$prefix", prefix))
            .ToDictionary(r => r.Path, r => r.Count, StringComparer.Ordinal);

    /// <summary>Paths of every record in the spool's files (the files are deleted once delivered).</summary>
    private static List<string> SpooledPaths(Deployment deployment)
    {
        var spool = Path.Combine(deployment.DataDirectory, "log-spool");
        var paths = new List<string>();
        if (!Directory.Exists(spool))
        {
            return paths;
        }

        foreach (var file in Directory.EnumerateFiles(spool, "*.jsonl"))
        {
            try
            {
                using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                using var reader = new StreamReader(stream);
                foreach (var line in reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries))
                {
                    try
                    {
                        paths.Add(JsonDocument.Parse(line).RootElement.GetProperty("path").GetString()!);
                    }
                    catch (JsonException)
                    {
                        // A line being written right now; the next look sees it whole.
                    }
                }
            }
            catch (FileNotFoundException)
            {
                // Delivered and deleted between listing and reading.
            }
        }

        return paths;
    }
}
