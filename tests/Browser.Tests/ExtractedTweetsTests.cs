using Browser.Tests.Scenarios;
using Extraction.Tests.Infrastructure;
using HostFactory = Host.IntegrationTests.Infrastructure.HostFactory;

namespace Browser.Tests;

/// <summary>
/// The same journey with the Tweets module extracted: the Host's front door sends every Tweets route to a separate
/// Tweets.Service process (fallback off, so nothing can quietly be served in-process), and the browser sees no
/// difference. The UI is the Host's; only the API calls move.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ExtractedTweetsTests(BrowserFixture fixture) : IAsyncLifetime
{
    private readonly int servicePort = FreePort.Next();
    private HostFactory host = null!;
    private ModuleProcess tweets = null!;

    public async Task InitializeAsync()
    {
        host = new HostFactory()
            .With("Modules:Tweets:Mode", "Remote")
            .With("Modules:Tweets:Destinations:0", $"http://127.0.0.1:{servicePort}")
            .With("Modules:Tweets:Fallback", "false")
            .With("Modules:Tweets:HealthCheck:Interval", "00:00:00.5");
        var frontDoor = host.Address;
        tweets = new ModuleProcess(
            "Tweets.Service", Builds.ServiceDll("Tweets"), servicePort, Path.Combine(host.DataPath, "tweets-service.log"),
            () => [$"--Data:Directory={host.DataPath}", $"--FrontDoor:Url={frontDoor}"]);
        await tweets.Start();
        // Until the front door's health check has seen the instance, Tweets answers 503 (fallback is off).
        using var client = new HttpClient { BaseAddress = frontDoor };
        await Eventually.Until(
            async () => (await client.GetAsync(new Uri("/api/tweets", UriKind.Relative))).IsSuccessStatusCode,
            "the front door forwards Tweets to the extracted service");
    }

    public async Task DisposeAsync()
    {
        tweets.Dispose();
        await host.DisposeAsync();
    }

    [Fact]
    public async Task Signing_up_and_posting_works_the_same_with_Tweets_in_its_own_process()
    {
        var page = await fixture.NewPageAsync(Viewports.Desktop);
        try
        {
            var tweet = "Posted through the front door to the extracted Tweets service";

            await SignUpAndPost.RunAsync(page, host.Address, Host.IntegrationTests.Infrastructure.Api.NewId("extracted"), tweet);

            var serviceLog = await File.ReadAllTextAsync(tweets.LogFile);
            serviceLog.Should().Contain("POST /api/tweets responded 201", "the tweet was stored by the extracted service, not the Host");
            serviceLog.Should().Contain("GET /api/tweets/home", "the home timeline came from the extracted service");
        }
        finally
        {
            await fixture.ClosePageAsync(page);
        }
    }
}
