namespace Extraction.Tests.SameAnswers;

/// <summary>
/// Extraction changes no answer: the same client script, run against the Host with every module in-process and
/// then with some modules moved to their extracted services (fallback off, so nothing is quietly served
/// in-process), gets the same statuses and bodies step by step. One Host and all three services serve every case;
/// each case moves modules with the routes file only.
/// </summary>
public sealed class SameAnswersTests(SameAnswersTests.AllServices services, ITestOutputHelper output) : IClassFixture<SameAnswersTests.AllServices>
{
    private static int runs;

    [Theory]
    [InlineData("Users")]
    [InlineData("Tweets")]
    [InlineData("Logging")]
    [InlineData("Users,Tweets,Logging")]
    public Task The_client_script_gets_the_same_answers_with_modules_extracted(string modules) => services.Deployment.Run(output, async () =>
    {
        var deployment = services.Deployment;
        var extracted = modules.Split(',');

        await deployment.Route();
        var inProcess = await new ClientScript(deployment, Interlocked.Increment(ref runs)).Run();

        await deployment.Route([.. extracted.SelectMany(m => new[] { ($"{m}:Mode", "Remote"), ($"{m}:Fallback", "false") })]);
        var before = await deployment.Modules();
        var remote = await new ClientScript(deployment, Interlocked.Increment(ref runs)).Run();
        var after = await deployment.Modules();

        remote.Select(a => a.Step).Should().Equal(inProcess.Select(a => a.Step));
        for (var i = 0; i < inProcess.Count; i++)
        {
            remote[i].Should().Be(inProcess[i], "step {0} answers as it did with every module in-process (all answers in-process:\n{1})",
                inProcess[i].Step, string.Join('\n', inProcess));
        }

        foreach (var module in extracted)
        {
            RemoteRequests(after, module).Should().BeGreaterThan(RemoteRequests(before, module),
                "the {0} module's work went to its extracted service", module);
        }
    });

    private static long RemoteRequests(IReadOnlyList<OpsModule> modules, string name) =>
        modules.Single(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase)).Traffic.Remote.Requests;

    /// <summary>The Host and an extracted service for every module, shared by the cases of this class.</summary>
    public sealed class AllServices : IAsyncLifetime
    {
        internal Deployment Deployment { get; } = new(Infrastructure.Deployment.AllModules);

        public async Task InitializeAsync()
        {
            await Deployment.Start();
            // An older tweet, so that every run's first page of the global timeline has a next page, as in the first run.
            using var response = await Deployment.Admin.PostAsJsonAsync("/api/tweets", new { text = "an older tweet" });
            response.StatusCode.Should().Be(HttpStatusCode.Created);
        }

        public Task DisposeAsync() => Deployment.DisposeAsync().AsTask();
    }
}
