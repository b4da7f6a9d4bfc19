using System.Text.RegularExpressions;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Host.IntegrationTests.Users;

/// <summary>A Host with two configured admins: one by its id as chosen, one written in another casing.</summary>
public sealed class AdminHost : HostFactory
{
    public AdminHost()
    {
        AdminId = Api.NewId("Admin");
        CasedAdminId = Api.NewId("CasedAdmin");
        With("Modules:Users:Admins:0", AdminId);
        With("Modules:Users:Admins:1", CasedAdminId.ToUpperInvariant());
    }

    public string AdminId { get; }

    public string CasedAdminId { get; }
}

/// <summary>PATCH /api/users/me renames; configured ids log in with the admin role.</summary>
public sealed class ProfileAndAdminTests(AdminHost host) : IClassFixture<AdminHost>
{
    private readonly HttpClient anonymous = host.CreateApiClient();

    [Fact]
    public async Task Renaming_returns_200_with_the_profile_and_the_new_name_shows_on_the_user()
    {
        var (id, _, client) = await host.SignedInUser();

        using var response = await client.Rename("New Name");

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var profile = await response.Json();
        profile.GetProperty("id").GetString().Should().Be(id);
        profile.GetProperty("displayName").GetString().Should().Be("New Name");
        using var fetched = await anonymous.GetAsync($"{Api.Users}/{id}");
        (await fetched.Json()).GetProperty("displayName").GetString().Should().Be("New Name");
        using var me = await client.GetAsync(Api.MePath);
        (await me.Json()).GetProperty("displayName").GetString().Should().Be("New Name");
    }

    [Fact]
    public async Task A_new_name_is_trimmed_and_composed()
    {
        var (id, _, client) = await host.SignedInUser();

        using var response = await client.Rename("  Rene\u0301e \U0001F44B\U0001F3FD  ");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Json()).GetProperty("displayName").GetString().Should().Be("Ren\u00E9e \U0001F44B\U0001F3FD");
        using var fetched = await anonymous.GetAsync($"{Api.Users}/{id}");
        (await fetched.Json()).GetProperty("displayName").GetString().Should().Be("Ren\u00E9e \U0001F44B\U0001F3FD");
    }

    [Fact]
    public async Task Renaming_keeps_the_creation_time()
    {
        var (id, _, client) = await host.SignedInUser();
        using var before = await anonymous.GetAsync($"{Api.Users}/{id}");
        var createdAt = (await before.Json()).GetProperty("createdAt").GetDateTimeOffset();

        using var response = await client.Rename("Later Name");

        (await response.Json()).GetProperty("createdAt").GetDateTimeOffset().Should().Be(createdAt);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(@"\u200B")]
    [InlineData(@"tab\there")]
    [InlineData(@"line\nbreak")]
    [InlineData(@"nul\u0000")]
    [InlineData("012345678901234567890123456789012345678901234567890")]
    public async Task An_invalid_new_name_is_a_400_validation_problem_on_displayName_and_changes_nothing(string escaped)
    {
        var (id, _, client) = await host.SignedInUser();

        using var response = await client.Rename(Regex.Unescape(escaped));

        await response.ShouldBeValidationProblem("displayName");
        using var fetched = await anonymous.GetAsync($"{Api.Users}/{id}");
        (await fetched.Json()).GetProperty("displayName").GetString().Should().Be(Api.DefaultDisplayName);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"displayName\":null}")]
    public async Task A_missing_name_is_a_400_validation_problem_on_displayName(string body)
    {
        var (_, _, client) = await host.SignedInUser();

        using var response = await client.PatchAsync(Api.MePath, new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        await response.ShouldBeValidationProblem("displayName");
    }

    [Theory]
    [InlineData("{\"displayName\":")]
    [InlineData("not json")]
    [InlineData("{\"displayName\":42}")]
    public async Task Malformed_JSON_is_a_400_problem(string body)
    {
        var (_, _, client) = await host.SignedInUser();

        using var response = await client.PatchAsync(Api.MePath, new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        await response.ShouldBeProblem(HttpStatusCode.BadRequest, ProblemTypes.MalformedRequest);
    }

    [Fact]
    public async Task A_lone_surrogate_in_the_new_name_is_a_400_problem()
    {
        var (_, _, client) = await host.SignedInUser();

        using var response = await client.PatchAsync(Api.MePath,
            new StringContent("{\"displayName\":\"bad \\ud800 name\"}", System.Text.Encoding.UTF8, "application/json"));

        await response.ShouldBeProblem(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Renaming_without_a_token_is_a_401_problem()
    {
        using var response = await anonymous.Rename("Nobody");

        await response.ShouldBeProblem(HttpStatusCode.Unauthorized, ProblemTypes.Unauthorized);
    }

    [Fact]
    public async Task A_configured_admin_logs_in_with_the_admin_role_in_the_response_and_the_token()
    {
        await EnsureSignedUp(host.AdminId);

        using var response = await anonymous.LogIn(host.AdminId);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = await response.Json();
        body.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).Should().Equal("admin");
        RolesIn(body.GetProperty("accessToken").GetString()!).Should().Equal("admin");
    }

    [Fact]
    public async Task An_admin_configured_in_another_casing_is_an_admin_too()
    {
        await EnsureSignedUp(host.CasedAdminId);

        using var response = await anonymous.LogIn(host.CasedAdminId.ToLowerInvariant());

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = await response.Json();
        body.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).Should().Equal("admin");
        RolesIn(body.GetProperty("accessToken").GetString()!).Should().Equal("admin");
    }

    [Fact]
    public async Task Anyone_else_logs_in_with_no_roles_and_a_token_without_a_role()
    {
        var id = await anonymous.SignUpNew();

        using var response = await anonymous.LogIn(id);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = await response.Json();
        body.GetProperty("roles").ValueKind.Should().Be(JsonValueKind.Array);
        body.GetProperty("roles").EnumerateArray().Should().BeEmpty();
        RolesIn(body.GetProperty("accessToken").GetString()!).Should().BeEmpty();
    }

    [Fact]
    public async Task An_id_that_merely_contains_an_admins_id_is_not_an_admin()
    {
        var id = await anonymous.SignUpNew(host.AdminId[..^1]);

        using var response = await anonymous.LogIn(id);

        (await response.Json()).GetProperty("roles").EnumerateArray().Should().BeEmpty();
    }

    [Fact]
    public async Task Renaming_an_admin_keeps_the_admin_role_on_the_next_log_in()
    {
        await EnsureSignedUp(host.AdminId);

        var admin = host.CreateApiClient(await anonymous.TokenFor(host.AdminId));
        using (var renamed = await admin.Rename("The Admin"))
        {
            renamed.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        using var response = await anonymous.LogIn(host.AdminId);

        var body = await response.Json();
        body.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).Should().Equal("admin");
        body.GetProperty("user").GetProperty("displayName").GetString().Should().Be("The Admin");
    }

    // The admins' ids are fixed for the host, and tests in any order may be the first to need the account.
    private async Task EnsureSignedUp(string id)
    {
        using var existing = await anonymous.GetAsync($"{Api.Users}/{id}");
        if (existing.StatusCode == HttpStatusCode.NotFound)
        {
            await anonymous.SignUpNew(id);
        }
    }

    private static List<string> RolesIn(string token)
    {
        var jwt = new JsonWebToken(token);
        return [.. jwt.Claims.Where(c => c.Type == "role").Select(c => c.Value)];
    }
}
