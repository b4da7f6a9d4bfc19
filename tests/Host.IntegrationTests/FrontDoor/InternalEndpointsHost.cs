using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using ModuleRuntime.Remoting;

namespace Host.IntegrationTests.FrontDoor;

/// <summary>A Host whose internal endpoints a test calls as another process would, holding one of its service tokens.</summary>
public sealed class InternalEndpointsHost : HostFactory
{
    /// <summary>A client carrying a service token this Host signed, as a Host or extracted service calling it would.</summary>
    public HttpClient Service()
    {
        var token = Services.GetRequiredService<ServiceTokens>().For(null);
        var client = CreateApiClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
