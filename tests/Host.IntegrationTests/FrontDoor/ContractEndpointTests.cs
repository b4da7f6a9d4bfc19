using FluentValidation;
using Users.Contracts;

namespace Host.IntegrationTests.FrontDoor;

/// <summary>
/// <c>POST /internal/contracts/{name}</c>: how another process sends this Host a contract request. Service tokens
/// only; answers and problems are those of the same request sent in-process.
/// </summary>
public sealed class ContractEndpointTests(InternalEndpointsHost host) : IClassFixture<InternalEndpointsHost>
{
    private static readonly string Summaries = Path(typeof(GetUserSummaries).FullName!);

    [Fact]
    public async Task Without_a_token_the_contract_endpoint_answers_401()
    {
        using var response = await host.CreateApiClient().PostAsJsonAsync(Summaries, new GetUserSummaries(["alice"]));

        await response.ShouldBeProblem(HttpStatusCode.Unauthorized, ProblemTypes.Unauthorized);
    }

    [Fact]
    public async Task A_user_token_is_not_enough_for_the_contract_endpoint()
    {
        var (_, _, user) = await host.SignedInUser();

        using var response = await user.PostAsJsonAsync(Summaries, new GetUserSummaries(["alice"]));

        await response.ShouldBeProblem(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_service_token_gets_the_typed_answer_of_the_contract()
    {
        var id = await host.CreateApiClient().SignUpNew();

        using var response = await host.TweetsCallingUsers().PostAsJsonAsync(Summaries, new GetUserSummaries([id.ToUpperInvariant(), Api.NewId("ghost")]));

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        (await response.Content.ReadFromJsonAsync<List<UserSummary>>()).Should().Equal(new UserSummary(id, Api.DefaultDisplayName));
    }

    [Fact]
    public async Task A_validation_error_comes_back_as_the_problem_the_same_request_gets_in_process()
    {
        var ids = Enumerable.Range(0, GetUserSummaries.MaxIds + 1).Select(i => $"user_{i}").ToList();
        var inProcess = await FluentActions.Awaiting(() => host.Send(new GetUserSummaries(ids))).Should().ThrowAsync<ValidationException>();

        using var response = await host.TweetsCallingUsers().PostAsJsonAsync(Summaries, new GetUserSummaries(ids));

        var problem = await response.ShouldBeValidationProblem("userIds");
        problem.GetProperty("errors").GetProperty("userIds").EnumerateArray().Select(e => e.GetString())
            .Should().Equal(inProcess.Which.Errors.Select(e => e.ErrorMessage));
    }

    [Fact]
    public async Task An_unknown_contract_name_is_404()
    {
        using var response = await host.TweetsCallingUsers().PostAsJsonAsync(Path("Users.Contracts.DeleteEverything"), new { });

        var problem = await response.ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
        problem.GetProperty("detail").GetString().Should().Contain("Users.Contracts.DeleteEverything");
    }

    [Fact]
    public async Task A_body_that_is_not_the_contract_is_400()
    {
        using var response = await host.TweetsCallingUsers().PostRaw(Summaries, """{"userIds": 42}""");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync());
    }

    private static string Path(string name) => $"/internal/contracts/{name}";
}
