using Host.IntegrationTests.Idempotency;

namespace Host.IntegrationTests.FrontDoor;

/// <summary>
/// A POST whose instance dropped it after receiving it may have been stored there. With an Idempotency-Key the front
/// door sends it on to the in-process copy (the module answers a repeat from what it stored); without one it answers 502.
/// </summary>
public sealed class KeyedResendTests
{
    [Fact]
    public async Task A_keyed_post_dropped_by_its_instance_is_served_by_the_in_process_copy()
    {
        await using var instance = new DroppingInstance();
        await using var front = new HostFactory().Routing("Users", "Remote", instance.Url, fallback: true);
        var id = Api.NewId("dropped");

        using var response = await front.CreateApiClient().Send(HttpMethod.Post, Api.Users, Keyed.NewKey(),
            JsonContent.Create(new { id, password = Api.DefaultPassword, displayName = "Dropped" }));

        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        instance.Dropped.Should().Be(1, "the request reached the instance first");
    }

    [Fact]
    public async Task An_unkeyed_post_dropped_by_its_instance_gets_a_502_problem_and_is_not_repeated()
    {
        await using var instance = new DroppingInstance();
        await using var front = new HostFactory().Routing("Users", "Remote", instance.Url, fallback: true);
        var id = Api.NewId("dropped");

        using var response = await front.CreateApiClient().SignUp(id);

        response.StatusCode.Should().Be(HttpStatusCode.BadGateway);
        (await response.Json()).GetProperty("type").GetString().Should().Be(FrontDoorApi.ModuleUnavailable);
        instance.Dropped.Should().Be(1);
        using var lookup = await front.CreateApiClient().GetAsync(new Uri(FrontDoorApi.UserPath(id), UriKind.Relative));
        lookup.StatusCode.Should().Be(HttpStatusCode.NotFound, "the in-process copy did not run it");
    }
}
