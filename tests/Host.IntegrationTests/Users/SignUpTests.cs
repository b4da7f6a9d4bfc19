namespace Host.IntegrationTests.Users;

public sealed class SignUpTests(HostFactory host) : IClassFixture<HostFactory>
{
    private readonly HttpClient client = host.CreateApiClient();

    [Fact]
    public async Task Signing_up_returns_201_with_the_location_and_the_new_profile()
    {
        var id = Api.NewId("Alice");

        using var response = await client.SignUp(id, displayName: "  Alice Liddell  ");

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        response.Headers.Location!.OriginalString.Should().Be($"/api/users/{id}");
        var body = await response.Json();
        body.GetProperty("id").GetString().Should().Be(id);
        body.GetProperty("displayName").GetString().Should().Be("Alice Liddell", "the display name is trimmed");
        body.GetProperty("createdAt").GetDateTimeOffset().Should().BeCloseTo(host.Clock.GetUtcNow(), TimeSpan.FromMinutes(5));
        body.TryGetProperty("passwordHash", out _).Should().BeFalse("the hash never leaves the server");
    }

    [Fact]
    public async Task The_location_of_a_new_account_serves_its_profile()
    {
        var id = Api.NewId();
        using var created = await client.SignUp(id, displayName: "Located");

        using var response = await client.GetAsync(created.Headers.Location);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = await response.Json();
        body.GetProperty("id").GetString().Should().Be(id);
        body.GetProperty("displayName").GetString().Should().Be("Located");
    }

    [Fact]
    public async Task Signing_up_with_a_taken_id_returns_409()
    {
        var id = await client.SignUpNew();

        using var response = await client.SignUp(id);

        var problem = await response.ShouldBeProblem(HttpStatusCode.Conflict, ProblemTypes.Conflict);
        problem.GetProperty("detail").GetString().Should().Contain(id);
    }

    [Theory]
    [InlineData("upper")]
    [InlineData("lower")]
    [InlineData("mixed")]
    public async Task Signing_up_with_a_taken_id_in_different_casing_returns_409(string casing)
    {
        var id = await client.SignUpNew(Api.NewId("CaseUser"));
        var variant = casing switch
        {
            "upper" => id.ToUpperInvariant(),
            "lower" => id.ToLowerInvariant(),
            _ => new string([.. id.Select((c, i) => i % 2 == 0 ? char.ToLowerInvariant(c) : char.ToUpperInvariant(c))]),
        };

        using var response = await client.SignUp(variant);

        await response.ShouldBeProblem(HttpStatusCode.Conflict, ProblemTypes.Conflict);
    }

    [Fact]
    public async Task A_refused_duplicate_leaves_the_first_account_untouched()
    {
        var id = await client.SignUpNew();

        using var duplicate = await client.SignUp(id.ToUpperInvariant(), "another password", "Impostor");
        duplicate.StatusCode.Should().Be(HttpStatusCode.Conflict);

        (await client.TokenFor(id)).Should().NotBeNullOrEmpty("the original password still works");
        using var profile = await client.GetAsync($"{Api.Users}/{id}");
        (await profile.Json()).GetProperty("displayName").GetString().Should().Be(Api.DefaultDisplayName);
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("abcdefghijklmnopqrstu")]
    [InlineData("with space")]
    [InlineData("dash-ed")]
    [InlineData("dot.ted")]
    [InlineData("")]
    [InlineData("José")]
    [InlineData("ｆｕｌｌｗｉｄｔｈ")]
    [InlineData("аdmin")] // the first letter is Cyrillic
    [InlineData("ab\u0000c")]
    [InlineData("abc\u200B")]
    [InlineData("abc\u202Edef")]
    public async Task Signing_up_with_a_bad_id_returns_400_naming_the_id(string id)
    {
        using var response = await client.SignUp(id);

        await response.ShouldBeValidationProblem("id");
    }

    [Theory]
    [InlineData("abc\n")]
    [InlineData("abc\r\n")]
    public async Task Signing_up_with_an_id_ending_in_a_line_break_returns_400(string id)
    {
        using var response = await client.SignUp(id);

        await response.ShouldBeValidationProblem("id");
    }

    [Theory]
    [InlineData("short")]
    [InlineData("1234567")]
    [InlineData("")]
    public async Task Signing_up_with_a_short_password_returns_400_naming_the_password(string password)
    {
        using var response = await client.SignUp(Api.NewId(), password);

        await response.ShouldBeValidationProblem("password");
    }

    [Fact]
    public async Task Signing_up_with_a_password_over_128_characters_returns_400()
    {
        using var response = await client.SignUp(Api.NewId(), new string('p', 129));

        await response.ShouldBeValidationProblem("password");
    }

    [Fact]
    public async Task Signing_up_with_the_id_as_password_in_any_casing_returns_400()
    {
        var id = Api.NewId("LongEnoughId");

        using var response = await client.SignUp(id, id.ToUpperInvariant());

        await response.ShouldBeValidationProblem("password");
    }

    [Theory]
    [InlineData("")]
    [InlineData("    ")]
    [InlineData("tab\there")]
    [InlineData("line\nbreak")]
    [InlineData("nul\u0000char")]
    [InlineData("bell\u0007")]
    [InlineData("del\u007F")]
    [InlineData("next line\u0085")]
    public async Task Signing_up_with_a_bad_display_name_returns_400_naming_the_display_name(string displayName)
    {
        using var response = await client.SignUp(Api.NewId(), displayName: displayName);

        await response.ShouldBeValidationProblem("displayName");
    }

    [Fact]
    public async Task Signing_up_with_a_51_character_display_name_returns_400()
    {
        using var response = await client.SignUp(Api.NewId(), displayName: new string('n', 51));

        await response.ShouldBeValidationProblem("displayName");
    }

    [Fact]
    public async Task Signing_up_with_everything_wrong_reports_every_field()
    {
        using var response = await client.SignUp("x", "short", "");

        await response.ShouldBeValidationProblem("id", "password", "displayName");
    }

    [Fact]
    public async Task Signing_up_with_no_fields_reports_every_field()
    {
        using var response = await client.PostRaw(Api.Users, "{}");

        await response.ShouldBeValidationProblem("id", "password", "displayName");
    }

    [Fact]
    public async Task Signing_up_with_only_an_id_asks_for_a_password_and_a_display_name()
    {
        using var response = await client.PostRaw(Api.Users, """{"id":"abc_1"}""");

        var errors = (await response.ShouldBeValidationProblem("password", "displayName")).GetProperty("errors");
        errors.GetProperty("password").EnumerateArray().Select(m => m.GetString()).Should().Equal("Enter a password.");
        errors.GetProperty("displayName").EnumerateArray().Select(m => m.GetString()).Should().Equal("Enter a display name.");
    }

    [Fact]
    public async Task A_refused_sign_up_creates_no_account()
    {
        var id = Api.NewId();
        using var refused = await client.SignUp(id, "short");
        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);

        using var response = await client.GetAsync($"{Api.Users}/{id}");

        await response.ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
    }

    [Fact]
    public async Task Signing_up_ignores_unknown_fields()
    {
        var id = Api.NewId();

        using var response = await client.PostAsJsonAsync(Api.Users,
            new { id, password = Api.DefaultPassword, displayName = "Extra", isAdmin = true, passwordHash = "x" });

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        (await client.TokenFor(id)).Should().NotBeNullOrEmpty("the password given, not a smuggled hash, is what counts");
    }
}
