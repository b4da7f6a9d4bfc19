using System.Net.Http.Headers;

namespace Extraction.Tests.Identity;

/// <summary>
/// One identity per process (docs/adr/0037), with real processes. Tweets.Service and Logging.Service each run on a data
/// directory of their own, as on machines of their own, holding only their module's service credential: neither can
/// sign a user token, and Tweets.Service validates users with the public keys the Host publishes, fetched over HTTP.
/// What a thief of Tweets.Service's key file can do is speak for Tweets, and no more. A rotation of the Host's key
/// keeps earlier tokens valid until the retired key is removed.
/// </summary>
public sealed class ProcessIdentityTests(ITestOutputHelper output)
{
    private const string Unauthorized = "urn:problem:unauthorized";
    private const string WrongAudience = "urn:problem:wrong-audience";
    private const string NotOwned = "urn:problem:event-not-owned";
    private const string UserRegistered = "Users.Contracts.UserRegistered";

    [Fact]
    public async Task A_service_holds_only_its_modules_credential_validates_users_with_published_keys_and_its_key_file_mints_nothing_else()
    {
        var shape = new DeploymentShape(new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase) { ["Tweets"] = 1, ["Logging"] = 1 })
        {
            DataPerInstance = true,
            HostsSqliteFile = true,
        };
        await using var deployment = new Deployment(shape);
        await deployment.Run(output, async () =>
        {
            await deployment.Start();
            await deployment.Route(("Tweets:Mode", "Remote"), ("Tweets:Fallback", "false"));
            var tweetsData = deployment.DataOf("Tweets");
            var service = Direct(deployment.Service("Tweets"));

            // What it holds: its own credential, no user-token key, no other module's credential.
            Directory.EnumerateFiles(tweetsData, "*.pem", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(tweetsData, f))
                .Should().Equal(Path.Combine(Deployment.ServiceKeysDirectory, "tweets.pem"));
            using (var jwks = await service.GetAsync(new Uri("/.well-known/jwks.json", UriKind.Relative)))
            {
                jwks.StatusCode.Should().Be(HttpStatusCode.NotFound, "it holds no user-token key to publish");
            }

            using (var published = await service.GetAsync(new Uri("/.well-known/module-keys.json", UriKind.Relative)))
            {
                var modules = JsonDocument.Parse(await published.Content.ReadAsStringAsync()).RootElement.GetProperty("modules");
                modules.EnumerateObject().Select(m => m.Name).Should().Equal("Tweets");
            }

            // The honest path: an account created a moment ago, served by the service, posts and follows at once.
            var id = "i" + Guid.NewGuid().ToString("N")[..8];
            var followee = "f" + Guid.NewGuid().ToString("N")[..8];
            await deployment.Client().SignUp(followee);
            var user = await deployment.SignedIn(id);
            var before = (await deployment.Module("Tweets")).Traffic.Remote.Requests;
            await Expect(await user.PostAsJsonAsync("/api/tweets", new { text = "first words" }), HttpStatusCode.Created);
            await Expect(await user.PutAsync(new Uri($"/api/tweets/users/{followee}/follow", UriKind.Relative), null), HttpStatusCode.NoContent);
            (await deployment.Module("Tweets")).Traffic.Remote.Requests.Should().BeGreaterThanOrEqualTo(before + 2, "the service served them");

            // A token from a key nobody published: refused by the service.
            var stranger = deployment.Client(Jwt.Sign(Jwt.NewKey(), "monolith", "monolith-api", id));
            await Expect(await stranger.PostAsJsonAsync("/api/tweets", new { text = "stranger" }), HttpStatusCode.Unauthorized, Unauthorized);

            // A thief of the service's key file cannot mint a user token, an admin's least of all.
            var stolen = await File.ReadAllTextAsync(Path.Combine(tweetsData, Deployment.ServiceKeysDirectory, "tweets.pem"));
            var admin = deployment.Client(Jwt.Sign(stolen, "monolith", "monolith-api", deployment.AdminId, ("role", "admin")));
            await Expect(await admin.GetAsync(new Uri("/api/ops/modules", UriKind.Relative)), HttpStatusCode.Unauthorized, Unauthorized);
            await Expect(await admin.PostAsJsonAsync("/api/tweets", new { text = "as the admin" }), HttpStatusCode.Unauthorized, Unauthorized);

            // ... nor raise another module's event, at the service itself or through the front door.
            var victim = "v" + Guid.NewGuid().ToString("N")[..8];
            var asTweets = Jwt.Sign(stolen, "module:Tweets", "module:Tweets", "module:Tweets");
            await Expect(await Direct(deployment.Service("Tweets"), asTweets).PostAsJsonAsync("/internal/events/Tweets", Registered(victim, "Tweets")), HttpStatusCode.Forbidden, NotOwned);
            var fanOut = Jwt.Sign(stolen, "module:Tweets", "module-events", "module:Tweets");
            await Expect(await deployment.Client(fanOut).PostAsJsonAsync("/internal/events", Registered(victim, "Tweets")), HttpStatusCode.Forbidden, NotOwned);
            // ... nor pose as Users with it.
            var posing = Jwt.Sign(stolen, "module:Users", "module:Tweets", "module:Users");
            await Expect(await Direct(deployment.Service("Tweets"), posing).PostAsJsonAsync("/internal/events/Tweets", Registered(victim, "Users")), HttpStatusCode.Unauthorized, Unauthorized);
            Sqlite.Count(deployment.DatabaseFile("Tweets"), "SELECT COUNT(*) FROM Members WHERE Id = $id", ("$id", victim)).Should().Be(0);

            // A token Tweets was given for Users is no good at Logging.
            var forUsers = Jwt.Sign(stolen, "module:Tweets", "module:Users", "module:Tweets");
            await Expect(
                await Direct(deployment.Service("Logging"), forUsers).PostAsJsonAsync("/internal/contracts/Logging.Contracts.RecordRequests", new { entries = Array.Empty<object>() }),
                HttpStatusCode.Forbidden, WrongAudience);
        });
    }

    [Fact]
    public async Task After_the_Host_rotates_its_key_old_tokens_work_until_the_retired_key_goes_and_new_ones_reach_the_service_at_once()
    {
        var shape = DeploymentShape.OneEach("Tweets") with
        {
            // A rotation is fetched on the first unknown key id; the least gap between fetches is cut so the test need not wait.
            Settings = new Dictionary<string, string> { ["Auth:Jwt:KeysRefreshMinimum"] = "00:00:00.200" },
        };
        await using var deployment = new Deployment(shape);
        await deployment.Run(output, async () =>
        {
            await deployment.Start();
            await deployment.Route(("Tweets:Mode", "Remote"), ("Tweets:Fallback", "false"));
            var id = "r" + Guid.NewGuid().ToString("N")[..8];
            await deployment.Client().SignUp(id);
            var oldToken = await deployment.Client().LogIn(id);
            await Expect(await deployment.Client(oldToken).PostAsJsonAsync("/api/tweets", new { text = "before" }), HttpStatusCode.Created);

            // Rotate: the current key is retired (kept for validation only), the Host makes a new one when it starts.
            var keyFile = Path.Combine(deployment.DataDirectory, Deployment.SigningKeyFile);
            var retired = Path.Combine(deployment.DataDirectory, Deployment.RetiredKeysDirectory, "before-rotation.pem");
            await deployment.Host.Stop();
            Directory.CreateDirectory(Path.GetDirectoryName(retired)!);
            File.Move(keyFile, retired);
            await deployment.Host.Start();
            await deployment.Healthy("Tweets");

            var newToken = await deployment.Client().LogIn(id);
            Jwt.KeyIdIn(newToken).Should().NotBe(Jwt.KeyIdIn(oldToken), "new tokens are signed with the new key");
            await Expect(await deployment.Client(newToken).PostAsJsonAsync("/api/tweets", new { text = "with the new key" }), HttpStatusCode.Created);
            await Expect(await deployment.Client(oldToken).PostAsJsonAsync("/api/tweets", new { text = "with the old key" }), HttpStatusCode.Created);
            await Expect(await deployment.Client(oldToken).GetAsync(new Uri("/api/users/me", UriKind.Relative)), HttpStatusCode.OK);

            // Once the longest token lifetime has passed, the retired key is removed: its tokens stop working.
            await deployment.Host.Stop();
            File.Delete(retired);
            await deployment.Host.Start();
            await Expect(await deployment.Client(oldToken).GetAsync(new Uri("/api/users/me", UriKind.Relative)), HttpStatusCode.Unauthorized, Unauthorized);
            await Expect(await deployment.Client(newToken).GetAsync(new Uri("/api/users/me", UriKind.Relative)), HttpStatusCode.OK);
        });
    }

    private static object Registered(string userId, string source) => new
    {
        id = Guid.NewGuid(),
        source,
        type = UserRegistered,
        payload = new { userId, displayName = "Forged", registeredAt = DateTimeOffset.UtcNow },
        occurredAt = DateTimeOffset.UtcNow,
        traceParent = (string?)null,
    };

    private static HttpClient Direct(ModuleProcess process, string? token = null)
    {
        var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = process.Url, Timeout = TimeSpan.FromSeconds(60) };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    private static async Task Expect(HttpResponseMessage response, HttpStatusCode status, string? problemType = null)
    {
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync();
            response.StatusCode.Should().Be(status, body);
            if (problemType is not null)
            {
                Api.ProblemType(response.Content.Headers.ContentType?.ToString() ?? string.Empty, body).Should().Be(problemType, body);
            }
        }
    }
}
