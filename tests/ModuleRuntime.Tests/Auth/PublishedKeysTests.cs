using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ModuleKit.Auth;
using ModuleRuntime.Auth;
using ModuleRuntime.Tests.Routing;

namespace ModuleRuntime.Tests.Auth;

/// <summary>
/// Public keys fetched from the process that publishes them, on real Kestrel: cached, fetched again for a key id not
/// seen before (a rotation) but not more often than the minimum interval, and kept when the publisher is unreachable.
/// </summary>
public sealed class PublishedKeysTests : IAsyncLifetime
{
    private readonly ManualClock clock = new(DateTimeOffset.UtcNow);
    private readonly List<SigningKey> published = [];
    private WebApplication app = null!;
    private int fetches;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        app = builder.Build();
        app.MapGet(TokenOptions.KeysPath, () =>
        {
            Interlocked.Increment(ref fetches);
            return Results.Json(JsonWebKeys.Of(published.Select(k => k.PublicKey)));
        });
        await app.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    [Fact]
    public async Task A_new_key_id_is_fetched_at_once_and_old_keys_stay_valid_while_published()
    {
        var old = NewKey();
        published.Add(old);
        using var keys = Keys();

        await keys.Prepare(string.Empty, old.KeyId, CancellationToken.None);
        keys.Keys(string.Empty).Select(k => k.KeyId).Should().Equal(old.KeyId);

        // A rotation at the publisher: the new key first, the retired one still there.
        var current = NewKey();
        published.Insert(0, current);
        clock.Advance(TimeSpan.FromSeconds(6));
        await keys.Prepare(string.Empty, current.KeyId, CancellationToken.None);

        keys.Keys(string.Empty).Select(k => k.KeyId).Should().Equal(current.KeyId, old.KeyId);
        fetches.Should().Be(2);
    }

    [Fact]
    public async Task Made_up_key_ids_cause_no_more_than_one_fetch_per_minimum_interval()
    {
        published.Add(NewKey());
        using var keys = Keys();
        await keys.Prepare(string.Empty, null, CancellationToken.None);

        for (var i = 0; i < 20; i++)
        {
            await keys.Prepare(string.Empty, $"made-up-{i}", CancellationToken.None);
        }

        fetches.Should().Be(1, "the minimum interval has not passed");
        clock.Advance(TimeSpan.FromSeconds(6));
        await keys.Prepare(string.Empty, "made-up-again", CancellationToken.None);
        fetches.Should().Be(2);
    }

    [Fact]
    public async Task Keys_already_fetched_stay_in_use_when_the_publisher_cannot_be_reached()
    {
        var key = NewKey();
        published.Add(key);
        using var keys = Keys();
        await keys.Prepare(string.Empty, key.KeyId, CancellationToken.None);
        await app.StopAsync();

        clock.Advance(TimeSpan.FromMinutes(1));
        (await keys.Fetch(CancellationToken.None)).Should().BeTrue("keys are still known");

        keys.Keys(string.Empty).Select(k => k.KeyId).Should().Equal(key.KeyId);
    }

    private PublishedKeys Keys()
    {
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return new PublishedKeys(new Uri(address, TokenOptions.KeysPath), PublishedKeys.ParseJwks, TimeSpan.FromMinutes(10), TimeSpan.FromSeconds(5), clock, NullLogger.Instance);
    }

    private static SigningKey NewKey()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return SigningKey.FromPem(key.ExportPkcs8PrivateKeyPem(), "test");
    }
}
