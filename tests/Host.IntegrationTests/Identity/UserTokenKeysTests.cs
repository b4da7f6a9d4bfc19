namespace Host.IntegrationTests.Identity;

/// <summary>
/// The Host hosts Users, so it alone signs user tokens, and publishes the public keys (JWKS) every other process
/// validates with; a retired key stays valid, and published, until it is removed (docs/adr/0037).
/// </summary>
public sealed class UserTokenKeysTests
{
    private const string Jwks = "/.well-known/jwks.json";

    [Fact]
    public async Task The_Host_publishes_the_public_key_its_tokens_name_and_nothing_private()
    {
        await using var host = new HostFactory();
        var (_, token, _) = await host.SignedInUser();

        using var response = await host.CreateApiClient().GetAsync(Jwks);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/jwk-set+json");
        var keys = (await response.Json()).GetProperty("keys").EnumerateArray().ToList();
        keys.Should().ContainSingle();
        keys[0].GetProperty("kid").GetString().Should().Be(Keys.KeyIdIn(token));
        keys[0].GetProperty("kty").GetString().Should().Be("EC");
        keys[0].GetProperty("crv").GetString().Should().Be("P-256");
        keys[0].GetProperty("alg").GetString().Should().Be("ES256");
        keys[0].EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo(["kty", "crv", "x", "y", "kid", "use", "alg"], "no private part is ever written");
    }

    [Fact]
    public async Task After_a_rotation_tokens_of_the_retired_key_still_work_until_it_is_removed()
    {
        var old = Keys.NewPem();
        var current = Keys.NewPem();
        await using var host = new HostFactory().With("Auth:Jwt:SigningKey", current).With("Auth:Jwt:RetiredKeys:0", old);
        var (id, newToken, _) = await host.SignedInUser();
        // Issued before the rotation, when the retired key was the current one.
        var oldToken = Keys.UserToken(old, id);

        using var withOld = await host.CreateApiClient(oldToken).GetAsync(Api.MePath);
        using var withNew = await host.CreateApiClient(newToken).GetAsync(Api.MePath);
        using var published = await host.CreateApiClient().GetAsync(Jwks);

        withOld.StatusCode.Should().Be(HttpStatusCode.OK, "a token signed before the rotation keeps working until it expires");
        withNew.StatusCode.Should().Be(HttpStatusCode.OK);
        Keys.KeyIdIn(newToken).Should().Be(Keys.KeyIdOf(current), "new tokens are signed with the current key");
        (await published.Json()).GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kid").GetString())
            .Should().Equal(Keys.KeyIdOf(current), Keys.KeyIdOf(old));

        await using var retiredGone = new HostFactory().With("Auth:Jwt:SigningKey", current);
        using var refused = await retiredGone.CreateApiClient(oldToken).GetAsync(Api.MePath);
        await refused.ShouldBeProblem(HttpStatusCode.Unauthorized, ProblemTypes.Unauthorized);
    }

    [Fact]
    public async Task Retired_keys_are_read_from_the_data_directory_too()
    {
        var old = Keys.NewPem();
        await using var host = new HostFactory();
        Directory.CreateDirectory(Path.Combine(host.DataPath, "jwt-retired-keys"));
        await File.WriteAllTextAsync(Path.Combine(host.DataPath, "jwt-retired-keys", "2026-01.pem"), old);
        var (id, _, _) = await host.SignedInUser();

        using var withOld = await host.CreateApiClient(Keys.UserToken(old, id)).GetAsync(Api.MePath);

        withOld.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_token_signed_by_a_key_the_Host_never_had_is_refused_with_a_problem()
    {
        await using var host = new HostFactory();
        var (id, _, _) = await host.SignedInUser();

        using var response = await host.CreateApiClient(Keys.UserToken(Keys.NewPem(), id, admin: true)).GetAsync(Api.MePath);

        await response.ShouldBeProblem(HttpStatusCode.Unauthorized, ProblemTypes.Unauthorized);
    }

    [Fact]
    public async Task A_modules_service_credential_signs_no_user_token()
    {
        await using var host = new HostFactory();
        var (id, _, _) = await host.SignedInUser();
        // What an extracted Tweets service holds, read from its key file: enough to speak for Tweets, not to log anyone in.
        var tweetsCredential = File.ReadAllText(Path.Combine(host.DataPath, "service-keys", "tweets.pem"));

        using var me = await host.CreateApiClient(Keys.UserToken(tweetsCredential, id, admin: true)).GetAsync(Api.MePath);
        using var ops = await host.CreateApiClient(Keys.UserToken(tweetsCredential, id, admin: true)).GetAsync("/api/ops/modules");

        await me.ShouldBeProblem(HttpStatusCode.Unauthorized, ProblemTypes.Unauthorized);
        await ops.ShouldBeProblem(HttpStatusCode.Unauthorized, ProblemTypes.Unauthorized);
    }
}
