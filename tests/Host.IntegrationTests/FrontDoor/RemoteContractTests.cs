using ModuleKit.Problems;
using ModuleRuntime.Problems;
using Users.Contracts;

namespace Host.IntegrationTests.FrontDoor;

/// <summary>With Users Remote, a contract request sent through the Host's mediator is answered by the extracted instance.</summary>
public sealed class RemoteContractTests : IAsyncLifetime
{
    // The instance accepts the Host's service tokens only because both hold the same module credentials.
    private readonly IReadOnlyDictionary<string, string> key = FrontDoorApi.NewDeploymentKeys();
    private readonly HostFactory instance;

    public RemoteContractTests() => instance = new HostFactory().SigningWith(key);

    public Task InitializeAsync()
    {
        _ = instance.Address;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await instance.DisposeAsync();

    [Fact]
    public async Task A_contract_request_of_a_Remote_module_is_answered_by_its_instance()
    {
        var id = await instance.CreateApiClient().SignUpNew();
        await using var front = new HostFactory().SigningWith(key).Routing("Users", "Remote", instance.Address.ToString(), fallback: false);

        var summaries = await front.Send(new GetUserSummaries([id]));

        summaries.Should().Equal(new UserSummary(id, Api.DefaultDisplayName));
    }

    [Fact]
    public async Task A_Remote_modules_contract_refuses_a_caller_signing_with_another_key()
    {
        var id = await instance.CreateApiClient().SignUpNew();
        await using var stranger = new HostFactory().Routing("Users", "Remote", instance.Address.ToString(), fallback: false);

        var asking = () => stranger.Send(new GetUserSummaries([id]));

        (await asking.Should().ThrowAsync<RemoteProblemException>()).Which.StatusCode.Should().Be(401);
    }

    [Fact]
    public async Task The_same_request_of_an_InProcess_module_is_answered_by_the_Host_itself()
    {
        var id = await instance.CreateApiClient().SignUpNew();
        await using var front = new HostFactory().SigningWith(key).Routing("Users", "InProcess", instance.Address.ToString(), fallback: false);

        var summaries = await front.Send(new GetUserSummaries([id]));

        summaries.Should().BeEmpty("the user exists only in the instance's data");
    }
}
