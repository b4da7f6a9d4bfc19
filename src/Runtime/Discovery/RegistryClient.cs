using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ModuleRuntime.Remoting;
using ModuleRuntime.Routing;

namespace ModuleRuntime.Discovery;

/// <summary>The registry's three calls as an instance makes them, each with its module's own service token for the registry.</summary>
internal sealed class RegistryClient(Uri frontDoor, ServiceTokens tokens, string module) : IDisposable
{
    private readonly HttpClient client = new(InstanceConnections.Handler()) { Timeout = TimeSpan.FromSeconds(5) };

    /// <summary>The lease, or why the registry refused the instance (its status and problem body).</summary>
    public async Task<(InstanceLease? Lease, string? Refusal)> Register(InstanceAnnouncement announcement, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Post, RegistryPaths.Instances);
        request.Content = JsonContent.Create(announcement, options: JsonSerializerOptions.Web);
        using var response = await client.SendAsync(request, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return (await response.Content.ReadFromJsonAsync<InstanceLease>(JsonSerializerOptions.Web, cancellationToken), null);
        }

        return (null, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
    }

    /// <summary>False when the registry no longer holds the lease, so the instance must register again.</summary>
    public async Task<bool> Renew(Guid lease, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Put, $"{RegistryPaths.Leases}/{lease}");
        using var response = await client.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }

        response.EnsureSuccessStatusCode();
        return true;
    }

    public async Task Deregister(Guid lease, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Delete, $"{RegistryPaths.Leases}/{lease}");
        using var response = await client.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    public void Dispose() => client.Dispose();

    private HttpRequestMessage Request(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, new Uri(frontDoor, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.For(module, ServiceTokens.RegistryAudience, null));
        return request;
    }
}
