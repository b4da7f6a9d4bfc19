namespace Host.IntegrationTests.Logging;

/// <summary>Analysis is for admins: no token is 401, a user who is not a configured admin is 403.</summary>
public sealed class AnalysisAccessTests(LoggingHost host) : IClassFixture<LoggingHost>
{
    public static TheoryData<string> AnalysisPaths =>
    [
        LoggingApi.Stats,
        LoggingApi.Stats + "?by=minute",
        LoggingApi.TopPaths,
        LoggingApi.ErrorRate,
        LoggingApi.Records,
    ];

    [Theory]
    [MemberData(nameof(AnalysisPaths))]
    public async Task Without_a_token_analysis_is_unauthorized(string path)
    {
        using var response = await host.CreateApiClient().GetAsync(new Uri(path, UriKind.Relative));

        await response.ShouldBeProblem(HttpStatusCode.Unauthorized, ProblemTypes.Unauthorized);
    }

    [Theory]
    [MemberData(nameof(AnalysisPaths))]
    public async Task A_user_who_is_not_an_admin_is_forbidden(string path)
    {
        var (_, _, user) = await host.SignedInUser();

        using var response = await user.GetAsync(new Uri(path, UriKind.Relative));

        await response.ShouldBeProblem(HttpStatusCode.Forbidden, "urn:problem:forbidden");
    }

    [Theory]
    [MemberData(nameof(AnalysisPaths))]
    public async Task A_configured_admin_gets_the_analysis(string path)
    {
        using var response = await host.Admin.GetAsync(new Uri(path, UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Admin_ids_match_in_any_casing()
    {
        await using var other = new LoggingHost();
        var id = Api.NewId("Boss");
        other.With("Modules:Users:Admins:0", id.ToLowerInvariant());
        var (_, _, boss) = await other.SignedInUser(id);

        using var response = await boss.GetAsync(new Uri(LoggingApi.ErrorRate, UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
