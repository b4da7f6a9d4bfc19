using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using ModuleRuntime.Remoting;

namespace Host.IntegrationTests.FrontDoor;

/// <summary>A Host whose internal endpoints a test calls as another process would, holding one of its service tokens.</summary>
public sealed class InternalEndpointsHost : HostFactory
{
    /// <summary>
    /// A client carrying a service token this Host signed in <paramref name="caller"/>'s name for
    /// <paramref name="audience"/> (a module's <c>module:&lt;name&gt;</c>, or the event fan-out), as a Host or extracted
    /// service hosting that module would call it.
    /// </summary>
    public HttpClient Service(string caller, string audience, string? userId = null)
    {
        var token = Services.GetRequiredService<ServiceTokens>().For(caller, audience, userId);
        var client = CreateApiClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Tweets calling one of the Users module's contracts.</summary>
    public HttpClient TweetsCallingUsers() => Service("Tweets", ServiceTokens.Of("Users"));

    /// <summary>The Users module delivering one of its events to Tweets' inbox.</summary>
    public HttpClient UsersDeliveringToTweets() => Service("Users", ServiceTokens.Of("Tweets"));
}
