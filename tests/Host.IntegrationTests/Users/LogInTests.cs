using System.Text;

namespace Host.IntegrationTests.Users;

public sealed class LogInTests(HostFactory host) : IClassFixture<HostFactory>
{
    private readonly HttpClient client = host.CreateApiClient();

    [Fact]
    public async Task Logging_in_returns_a_bearer_token_that_works_on_me()
    {
        var id = await client.SignUpNew();

        using var response = await client.LogIn(id);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = await response.Json();
        body.GetProperty("tokenType").GetString().Should().Be("Bearer");
        body.GetProperty("user").GetProperty("id").GetString().Should().Be(id);
        body.GetProperty("expiresAt").GetDateTimeOffset().Should().BeCloseTo(host.Clock.GetUtcNow().AddMinutes(5), TimeSpan.FromMinutes(1),
            "access tokens are short-lived; the refresh token renews them");
        body.GetProperty("refreshToken").GetString().Should().NotBeNullOrWhiteSpace();
        var token = body.GetProperty("accessToken").GetString()!;

        using var me = await host.CreateApiClient(token).GetAsync(Api.MePath);
        me.StatusCode.Should().Be(HttpStatusCode.OK);
        var profile = await me.Json();
        profile.GetProperty("id").GetString().Should().Be(id);
        profile.GetProperty("displayName").GetString().Should().Be(Api.DefaultDisplayName);
    }

    [Fact]
    public async Task The_token_is_an_ES256_JWT_naming_the_user_issuer_and_audience()
    {
        var id = await client.SignUpNew();

        var token = await client.TokenFor(id);

        var parts = token.Split('.');
        parts.Should().HaveCount(3);
        var header = Decode(parts[0]);
        header.GetProperty("alg").GetString().Should().Be("ES256");
        var payload = Decode(parts[1]);
        payload.GetProperty("sub").GetString().Should().Be(id);
        payload.GetProperty("iss").GetString().Should().Be("monolith");
        payload.GetProperty("aud").GetString().Should().Be("monolith-api");
        (payload.GetProperty("exp").GetInt64() - payload.GetProperty("iat").GetInt64()).Should().Be(300, "Auth:Jwt:AccessTokenLifetime is five minutes");
    }

    [Fact]
    public async Task Logging_in_with_the_id_in_other_casing_works_and_reports_the_chosen_casing()
    {
        var id = await client.SignUpNew(Api.NewId("MixedCase"));

        using var response = await client.LogIn(id.ToLowerInvariant());

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Json()).GetProperty("user").GetProperty("id").GetString().Should().Be(id);
    }

    [Fact]
    public async Task Logging_in_with_a_wrong_password_returns_401()
    {
        var id = await client.SignUpNew();

        using var response = await client.LogIn(id, "not the password");

        await response.ShouldBeProblem(HttpStatusCode.Unauthorized, ProblemTypes.Unauthorized);
    }

    [Fact]
    public async Task The_password_is_case_sensitive()
    {
        var id = await client.SignUpNew();

        using var response = await client.LogIn(id, Api.DefaultPassword.ToUpperInvariant());

        await response.ShouldBeProblem(HttpStatusCode.Unauthorized, ProblemTypes.Unauthorized);
    }

    [Fact]
    public async Task An_unknown_id_and_a_wrong_password_get_the_same_answer()
    {
        var id = await client.SignUpNew();

        using var wrongPassword = await client.LogIn(id, "not the password");
        using var unknownId = await client.LogIn(Api.NewId("nobody"), "not the password");

        var wrong = await wrongPassword.ShouldBeProblem(HttpStatusCode.Unauthorized, ProblemTypes.Unauthorized);
        var unknown = await unknownId.ShouldBeProblem(HttpStatusCode.Unauthorized, ProblemTypes.Unauthorized);
        unknown.GetProperty("title").GetString().Should().Be(wrong.GetProperty("title").GetString());
        unknown.GetProperty("detail").GetString().Should().Be(wrong.GetProperty("detail").GetString());
        unknown.GetProperty("detail").GetString().Should().NotContain(id);
    }

    [Theory]
    [InlineData("{\"password\":\"whatever1\"}", "id")]
    [InlineData("{\"id\":\"someone\"}", "password")]
    [InlineData("{\"id\":\"\",\"password\":\"\"}", "id", "password")]
    [InlineData("{}", "id", "password")]
    public async Task Logging_in_without_an_id_or_password_returns_400_naming_the_field(string body, params string[] fields)
    {
        using var response = await client.PostRaw(Api.LogInPath, body);

        await response.ShouldBeValidationProblem(fields);
    }

    [Fact]
    public async Task Logging_in_with_an_id_over_64_characters_returns_400_naming_the_id()
    {
        using var response = await client.LogIn(new string('i', 65), Api.DefaultPassword);

        await response.ShouldBeValidationProblem("id");
    }

    [Fact]
    public async Task Logging_in_with_an_id_of_64_characters_is_an_ordinary_wrong_log_in()
    {
        using var response = await client.LogIn(new string('i', 64), Api.DefaultPassword);

        await response.ShouldBeProblem(HttpStatusCode.Unauthorized, ProblemTypes.Unauthorized);
    }

    [Fact]
    public async Task Logging_in_with_a_password_over_512_UTF16_units_returns_400_naming_the_password()
    {
        var id = await client.SignUpNew();

        using var response = await client.LogIn(id, new string('p', 513));

        await response.ShouldBeValidationProblem("password");
    }

    [Fact]
    public async Task Logging_in_with_an_over_long_id_and_password_names_both_fields()
    {
        using var response = await client.LogIn(new string('i', 65), new string('p', 513));

        await response.ShouldBeValidationProblem("id", "password");
    }

    [Fact]
    public async Task Over_long_passwords_are_refused_before_any_password_check_so_they_never_lock_the_account()
    {
        var id = await client.SignUpNew();
        var eightLongCharacters = string.Concat(Enumerable.Repeat("p" + new string('\u0301', 64), 8));

        for (var attempt = 1; attempt <= 6; attempt++)
        {
            using var refused = await client.LogIn(id, eightLongCharacters);
            refused.StatusCode.Should().Be(HttpStatusCode.BadRequest, "attempt {0} is over the 512-unit cap", attempt);
        }

        (await client.TokenFor(id)).Should().NotBeNullOrEmpty("six refusals without a password check are not six failures");
    }

    [Fact]
    public async Task A_token_from_a_second_log_in_works_alongside_the_first()
    {
        var id = await client.SignUpNew();
        var first = await client.TokenFor(id);
        var second = await client.TokenFor(id);

        second.Should().NotBe(first);
        (await host.CreateApiClient(first).GetAsync(Api.MePath)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await host.CreateApiClient(second).GetAsync(Api.MePath)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    private static JsonElement Decode(string segment)
    {
        var base64 = segment.Replace('-', '+').Replace('_', '/');
        base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
        return JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(base64))).RootElement.Clone();
    }
}
