namespace Host.IntegrationTests.Users;

public sealed class GetUserTests(HostFactory host) : IClassFixture<HostFactory>
{
    private readonly HttpClient client = host.CreateApiClient();

    [Theory]
    [InlineData("same")]
    [InlineData("upper")]
    [InlineData("lower")]
    public async Task A_user_is_found_by_id_in_any_casing_and_reported_in_the_chosen_casing(string casing)
    {
        var id = await client.SignUpNew(Api.NewId("MiXeD"));
        var asked = casing switch
        {
            "upper" => id.ToUpperInvariant(),
            "lower" => id.ToLowerInvariant(),
            _ => id,
        };

        using var response = await client.GetAsync($"{Api.Users}/{asked}");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = await response.Json();
        body.GetProperty("id").GetString().Should().Be(id);
        body.GetProperty("displayName").GetString().Should().Be(Api.DefaultDisplayName);
    }

    [Fact]
    public async Task An_unknown_user_is_a_404_problem_naming_the_id()
    {
        var id = Api.NewId("missing");

        using var response = await client.GetAsync($"{Api.Users}/{id}");

        var problem = await response.ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
        problem.GetProperty("detail").GetString().Should().Contain(id);
    }

    [Theory]
    [InlineData("x")]
    [InlineData("%F0%9F%98%80")]
    [InlineData("Jos%C3%A9")]
    [InlineData("%ED%A0%80")]
    [InlineData("a%20b")]
    [InlineData("%E2%80%AEevil")]
    public async Task An_id_that_cannot_exist_is_a_404_problem(string escapedId)
    {
        using var response = await client.GetAsync($"{Api.Users}/{escapedId}");

        await response.ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
    }

    [Fact]
    public async Task A_very_long_id_is_a_404_problem()
    {
        using var response = await client.GetAsync($"{Api.Users}/{new string('a', 4000)}");

        await response.ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
    }

    [Fact]
    public async Task An_unknown_path_is_a_404_problem()
    {
        using var response = await client.GetAsync("/api/nothing-here");

        await response.ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
    }

    [Fact]
    public async Task A_wrong_method_is_a_405_problem()
    {
        using var response = await client.DeleteAsync(Api.MePath);

        await response.ShouldBeProblem(HttpStatusCode.MethodNotAllowed, "urn:problem:method-not-allowed");
    }
}
