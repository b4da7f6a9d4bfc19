using System.Globalization;

namespace Host.IntegrationTests.Hosting;

/// <summary>Text is judged in user-perceived characters, and text that is not well-formed never gets in.</summary>
public sealed class UnicodeInputTests(HostFactory host) : IClassFixture<HostFactory>
{
    private const string ThumbsUpMediumSkin = "\U0001F44D\U0001F3FD";
    private const string Family = "\U0001F468\u200D\U0001F469\u200D\U0001F467\u200D\U0001F466";
    private const string XWithTwoAccents = "x\u0301\u0302";
    private const string Flag = "\U0001F1EB\U0001F1F7";
    private const string WavingHandMediumSkin = "\U0001F44B\U0001F3FD";
    private const string CombiningAcute = "\u0301";

    private readonly HttpClient client = host.CreateApiClient();

    [Theory]
    [InlineData("\\ud800")]
    [InlineData("\\udfff")]
    [InlineData("abc\\ud83d")]
    [InlineData("\\ude00\\ud83d")]
    [InlineData("x\\ud800y")]
    public async Task A_lone_surrogate_escaped_in_JSON_is_refused_with_400_in_any_field(string escaped)
    {
        foreach (var field in new[] { "id", "password", "displayName" })
        {
            var values = new Dictionary<string, string>
            {
                ["id"] = Api.NewId(),
                ["password"] = "password123",
                ["displayName"] = "Someone",
            };
            values[field] = escaped;
            var body = "{" + string.Join(',', values.Select(kv => $"\"{kv.Key}\":\"{kv.Value}\"")) + "}";

            using var response = await client.PostRaw(Api.Users, body);

            response.StatusCode.Should().Be(HttpStatusCode.BadRequest, "a lone surrogate in {0} must be refused", field);
            await response.ShouldBeProblem(HttpStatusCode.BadRequest);
        }
    }

    [Fact]
    public async Task A_lone_surrogate_in_a_log_in_is_refused_with_400()
    {
        using var response = await client.PostRaw(Api.LogInPath, "{\"id\":\"abc\\ud800\",\"password\":\"pass\\udc00word\"}");

        await response.ShouldBeProblem(HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData(ThumbsUpMediumSkin)]
    [InlineData(Family)]
    [InlineData(XWithTwoAccents)]
    [InlineData(Flag)]
    [InlineData("\u00E9")]
    [InlineData("\u6F22")]
    public async Task A_display_name_of_50_user_perceived_characters_is_accepted_whatever_its_UTF16_length(string character)
    {
        var name = string.Concat(Enumerable.Repeat(character, 50));

        using var response = await client.SignUp(Api.NewId(), displayName: name);

        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var stored = (await response.Json()).GetProperty("displayName").GetString()!;
        stored.Should().Be(name);
        new StringInfo(stored).LengthInTextElements.Should().Be(50);
    }

    [Theory]
    [InlineData(ThumbsUpMediumSkin)]
    [InlineData(Family)]
    [InlineData(XWithTwoAccents)]
    [InlineData(Flag)]
    [InlineData("\u00E9")]
    public async Task A_display_name_of_51_user_perceived_characters_is_refused(string character)
    {
        var name = string.Concat(Enumerable.Repeat(character, 51));

        using var response = await client.SignUp(Api.NewId(), displayName: name);

        await response.ShouldBeValidationProblem("displayName");
    }

    [Fact]
    public async Task A_display_name_of_one_letter_and_300_combining_accents_is_refused_as_too_long()
    {
        var name = "a" + string.Concat(Enumerable.Repeat(CombiningAcute, 300));
        new StringInfo(name).LengthInTextElements.Should().Be(1);

        using var response = await client.SignUp(Api.NewId(), displayName: name);

        await response.ShouldBeValidationProblem("displayName");
    }

    [Fact]
    public async Task A_display_name_of_50_emoji_with_skin_tones_is_accepted_at_200_UTF16_units()
    {
        var name = string.Concat(Enumerable.Repeat(WavingHandMediumSkin, 50));
        name.Length.Should().Be(200);

        using var response = await client.SignUp(Api.NewId(), displayName: name);

        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        (await response.Json()).GetProperty("displayName").GetString().Should().Be(name);
    }

    [Fact]
    public async Task A_password_over_512_UTF16_units_is_refused_although_it_is_only_eight_characters()
    {
        var password = string.Concat(Enumerable.Repeat("p" + string.Concat(Enumerable.Repeat(CombiningAcute, 64)), 8));
        password.Length.Should().Be(520);
        new StringInfo(password).LengthInTextElements.Should().Be(8);

        using var response = await client.SignUp(Api.NewId(), password);

        await response.ShouldBeValidationProblem("password");
    }

    [Fact]
    public async Task A_password_of_exactly_512_UTF16_units_signs_up_and_logs_in()
    {
        var id = Api.NewId();
        var password = string.Concat(Enumerable.Repeat(ThumbsUpMediumSkin, 128));
        password.Length.Should().Be(512);

        using var created = await client.SignUp(id, password);

        created.StatusCode.Should().Be(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        (await client.TokenFor(id, password)).Should().NotBeNullOrEmpty();
    }

    [Fact]
    public async Task A_display_name_is_stored_composed_and_trimmed()
    {
        using var response = await client.SignUp(Api.NewId(), displayName: "  Rene\u0301e  ");

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        (await response.Json()).GetProperty("displayName").GetString().Should().Be("Ren\u00E9e");
    }

    [Fact]
    public async Task A_display_name_with_a_direction_override_inside_visible_text_is_kept_exactly()
    {
        var id = Api.NewId();
        const string name = "abc\u202Edef";

        using var created = await client.SignUp(id, displayName: name);
        created.StatusCode.Should().Be(HttpStatusCode.Created);

        using var fetched = await client.GetAsync($"{Api.Users}/{id}");
        (await fetched.Json()).GetProperty("displayName").GetString().Should().Be(name);
    }

    [Theory]
    [InlineData("\u200B\u200B\u200B")]
    [InlineData("\u200D\u2060")]
    [InlineData(" \uFEFF ")]
    public async Task A_display_name_made_only_of_invisible_characters_is_refused(string name)
    {
        using var response = await client.SignUp(Api.NewId(), displayName: name);

        await response.ShouldBeValidationProblem("displayName");
    }

    [Theory]
    [InlineData("a\u0000b")]
    [InlineData("\u0000")]
    [InlineData("a\u001Bb")]
    [InlineData("a\rb")]
    [InlineData("\u009Bx")]
    public async Task Control_characters_in_a_display_name_are_refused(string name)
    {
        using var response = await client.SignUp(Api.NewId(), displayName: name);

        await response.ShouldBeValidationProblem("displayName");
    }

    [Theory]
    [InlineData("caf\u00E9_1")]
    [InlineData("\u0130stanbul")]
    [InlineData("\u0131d_user")]
    [InlineData("\u212Aelvin")]
    [InlineData("user\u0301")]
    [InlineData("\U0001F600_user")]
    [InlineData("\u0661\u0662\u0663")]
    [InlineData("\uFF41\uFF42\uFF43")]
    public async Task Non_ASCII_letters_digits_or_marks_in_the_id_are_refused(string id)
    {
        using var response = await client.SignUp(id);

        await response.ShouldBeValidationProblem("id");
    }

    [Fact]
    public async Task A_password_of_eight_emoji_is_long_enough_and_works_for_log_in()
    {
        var id = Api.NewId();
        var password = string.Concat(Enumerable.Repeat(ThumbsUpMediumSkin, 8));

        using var created = await client.SignUp(id, password);
        created.StatusCode.Should().Be(HttpStatusCode.Created);

        (await client.TokenFor(id, password)).Should().NotBeNullOrEmpty();
        using var wrong = await client.LogIn(id, string.Concat(Enumerable.Repeat("\U0001F44D\U0001F3FE", 8)));
        wrong.StatusCode.Should().Be(HttpStatusCode.Unauthorized, "a different skin tone is a different password");
    }

    [Fact]
    public async Task A_password_of_seven_emoji_is_too_short_although_it_is_28_UTF16_units()
    {
        var password = string.Concat(Enumerable.Repeat(ThumbsUpMediumSkin, 7));
        password.Length.Should().Be(28);

        using var response = await client.SignUp(Api.NewId(), password);

        await response.ShouldBeValidationProblem("password");
    }

    [Fact]
    public async Task A_password_with_a_NUL_character_round_trips_exactly()
    {
        var id = Api.NewId();
        const string password = "before\u0000after";

        using var created = await client.SignUp(id, password);
        created.StatusCode.Should().Be(HttpStatusCode.Created);

        (await client.TokenFor(id, password)).Should().NotBeNullOrEmpty();
        using var truncated = await client.LogIn(id, "before");
        truncated.StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the password is not cut at the NUL");
    }
}
