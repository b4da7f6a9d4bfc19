using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Host.IntegrationTests.Users;

public sealed class TokenTests(HostFactory host) : IClassFixture<HostFactory>
{
    private const string Issuer = "monolith";
    private const string Audience = "monolith-api";

    [Fact]
    public async Task Me_without_a_token_returns_401_problem()
    {
        using var response = await host.CreateApiClient().GetAsync(Api.MePath);

        var problem = await response.ShouldBeProblem(HttpStatusCode.Unauthorized, ProblemTypes.Unauthorized);
        problem.GetProperty("detail").GetString().Should().Contain("Bearer");
        response.Headers.WwwAuthenticate.Should().ContainSingle(h => h.Scheme == "Bearer");
    }

    [Theory]
    [InlineData("not-a-jwt")]
    [InlineData("a.b.c")]
    [InlineData("eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.")]
    public async Task Me_with_a_garbage_token_returns_401_problem(string token)
    {
        using var response = await host.CreateApiClient(token).GetAsync(Api.MePath);

        await response.ShouldBeProblem(HttpStatusCode.Unauthorized, ProblemTypes.Unauthorized);
    }

    [Fact]
    public async Task A_token_crafted_with_the_real_key_is_accepted_so_the_refusals_below_are_meaningful()
    {
        var (id, _, _) = await host.SignedInUser();
        var token = Craft(id, DateTime.UtcNow.AddMinutes(-1), DateTime.UtcNow.AddMinutes(10));

        using var response = await host.CreateApiClient(token).GetAsync(Api.MePath);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Json()).GetProperty("id").GetString().Should().Be(id);
    }

    [Fact]
    public async Task An_expired_token_signed_with_the_real_key_returns_401()
    {
        var (id, _, _) = await host.SignedInUser();
        var token = Craft(id, DateTime.UtcNow.AddHours(-2), DateTime.UtcNow.AddHours(-1));

        using var response = await host.CreateApiClient(token).GetAsync(Api.MePath);

        await response.ShouldBeProblem(HttpStatusCode.Unauthorized, ProblemTypes.Unauthorized);
    }

    [Fact]
    public async Task A_token_not_valid_yet_returns_401()
    {
        var (id, _, _) = await host.SignedInUser();
        var token = Craft(id, DateTime.UtcNow.AddHours(1), DateTime.UtcNow.AddHours(2));

        using var response = await host.CreateApiClient(token).GetAsync(Api.MePath);

        await response.ShouldBeProblem(HttpStatusCode.Unauthorized, ProblemTypes.Unauthorized);
    }

    [Theory]
    [InlineData("someone-else", Audience)]
    [InlineData(Issuer, "another-api")]
    public async Task A_token_for_another_issuer_or_audience_returns_401(string issuer, string audience)
    {
        var (id, _, _) = await host.SignedInUser();
        var token = Craft(id, DateTime.UtcNow.AddMinutes(-1), DateTime.UtcNow.AddMinutes(10), issuer: issuer, audience: audience);

        using var response = await host.CreateApiClient(token).GetAsync(Api.MePath);

        await response.ShouldBeProblem(HttpStatusCode.Unauthorized, ProblemTypes.Unauthorized);
    }

    [Fact]
    public async Task A_tampered_token_returns_401()
    {
        var (_, token, client) = await host.SignedInUser();
        (await client.GetAsync(Api.MePath)).StatusCode.Should().Be(HttpStatusCode.OK);

        var parts = token.Split('.');
        var payload = parts[1].ToCharArray();
        var middle = payload.Length / 2;
        payload[middle] = payload[middle] == 'A' ? 'B' : 'A';
        var tampered = string.Join('.', parts[0], new string(payload), parts[2]);

        using var response = await host.CreateApiClient(tampered).GetAsync(Api.MePath);

        await response.ShouldBeProblem(HttpStatusCode.Unauthorized, ProblemTypes.Unauthorized);
    }

    [Fact]
    public async Task A_token_whose_subject_is_swapped_for_another_user_returns_401()
    {
        var (id, token, _) = await host.SignedInUser();
        var victim = await host.CreateApiClient().SignUpNew();
        var parts = token.Split('.');
        var payload = Base64UrlEncoder.Decode(parts[1]);
        var forgedPayload = payload.Replace($"\"sub\":\"{id}\"", $"\"sub\":\"{victim}\"", StringComparison.Ordinal);
        forgedPayload.Should().NotBe(payload);
        var forged = string.Join('.', parts[0], Base64UrlEncoder.Encode(forgedPayload), parts[2]);

        using var response = await host.CreateApiClient(forged).GetAsync(Api.MePath);

        await response.ShouldBeProblem(HttpStatusCode.Unauthorized, ProblemTypes.Unauthorized);
    }

    [Fact]
    public async Task A_token_signed_by_another_key_returns_401()
    {
        var (id, _, _) = await host.SignedInUser();
        using var otherKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var token = Craft(id, DateTime.UtcNow.AddMinutes(-1), DateTime.UtcNow.AddMinutes(10), otherKey);

        using var response = await host.CreateApiClient(token).GetAsync(Api.MePath);

        await response.ShouldBeProblem(HttpStatusCode.Unauthorized, ProblemTypes.Unauthorized);
    }

    [Fact]
    public async Task A_token_signed_with_HMAC_using_the_public_key_returns_401()
    {
        var (id, _, _) = await host.SignedInUser();
        using var realKey = ReadRealKey();
        var publicKeyBytes = realKey.ExportSubjectPublicKeyInfo();
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            Expires = DateTime.UtcNow.AddMinutes(10),
            Claims = new Dictionary<string, object> { ["sub"] = id },
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(publicKeyBytes), SecurityAlgorithms.HmacSha256),
        });

        using var response = await host.CreateApiClient(token).GetAsync(Api.MePath);

        await response.ShouldBeProblem(HttpStatusCode.Unauthorized, ProblemTypes.Unauthorized);
    }

    [Fact]
    public async Task The_signing_key_file_is_a_private_EC_key_readable_only_by_its_owner()
    {
        await host.SignedInUser();
        var path = Path.Combine(host.DataPath, "jwt-signing-key.pem");

        File.Exists(path).Should().BeTrue();
        using var key = ReadRealKey();
        key.KeySize.Should().Be(256);
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(path).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    private ECDsa ReadRealKey()
    {
        var key = ECDsa.Create();
        key.ImportFromPem(File.ReadAllText(Path.Combine(host.DataPath, "jwt-signing-key.pem")));
        return key;
    }

    private string Craft(string subject, DateTime notBefore, DateTime expires, ECDsa? key = null,
        string issuer = Issuer, string audience = Audience)
    {
        using var realKey = key is null ? ReadRealKey() : null;
        var securityKey = new ECDsaSecurityKey(key ?? realKey)
        {
            CryptoProviderFactory = new CryptoProviderFactory { CacheSignatureProviders = false },
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = notBefore,
            NotBefore = notBefore,
            Expires = expires,
            Claims = new Dictionary<string, object> { ["sub"] = subject, ["name"] = "Crafted" },
            SigningCredentials = new SigningCredentials(securityKey, SecurityAlgorithms.EcdsaSha256),
        });
    }
}

/// <summary>Token settings come from <c>Auth:Jwt</c>.</summary>
public sealed class TokenConfigurationTests
{
    [Fact]
    public async Task Issuer_audience_and_lifetime_come_from_configuration()
    {
        await using var host = new HostFactory()
            .With("Auth:Jwt:Issuer", "test-issuer")
            .With("Auth:Jwt:Audience", "test-audience")
            .With("Auth:Jwt:AccessTokenLifetime", "00:10:00");
        var (id, token, client) = await host.SignedInUser();

        var jwt = new JsonWebToken(token);
        jwt.Issuer.Should().Be("test-issuer");
        jwt.Audiences.Should().Equal("test-audience");
        (jwt.ValidTo - jwt.IssuedAt).Should().Be(TimeSpan.FromMinutes(10));
        using var me = await client.GetAsync(Api.MePath);
        me.StatusCode.Should().Be(HttpStatusCode.OK, "the same settings validate the token");
        (await me.Json()).GetProperty("id").GetString().Should().Be(id);
    }
}
