using System.Net.Sockets;
using System.Security.Cryptography;

namespace Host.IntegrationTests.FrontDoor;

/// <summary>What the front door tests share: the forcing header, a dead address, and a Host with one module moved out.</summary>
public static class FrontDoorApi
{
    public const string RouteHeader = "X-Module-Route";
    public const string ModuleUnavailable = "urn:problem:module-unavailable";

    /// <summary>A loopback base URL nothing listens on: a port the OS handed out and that was closed again at once.</summary>
    public static string ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return $"http://127.0.0.1:{port}";
    }

    /// <summary>Configures <paramref name="module"/> to run at <paramref name="destination"/>, in the given mode.</summary>
    /// <remarks>
    /// The instance runs on data of its own, so a test sees where a request's effect landed; the Host adopts its
    /// database id for the module, or the front door would rightly send it nothing (docs/adr/0036).
    /// </remarks>
    public static HostFactory Routing(this HostFactory host, string module, string mode, string destination, bool fallback) => host
        .AdoptDatabaseOf(module, destination)
        .With($"Modules:{module}:Mode", mode)
        .With($"Modules:{module}:Destinations:0", destination)
        .With($"Modules:{module}:Fallback", fallback ? "true" : "false");

    /// <summary>A GET that forces one side with <see cref="RouteHeader"/>.</summary>
    public static async Task<HttpResponseMessage> GetForced(this HttpClient client, string path, string side)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add(RouteHeader, side);
        return await client.SendAsync(request);
    }

    /// <summary>A fresh EC P-256 key in PEM form, for processes that must accept each other's tokens.</summary>
    public static string NewSigningKey()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return key.ExportPkcs8PrivateKeyPem();
    }

    /// <summary>
    /// The keys of one deployment, as settings: the user-token key and every module's service credential, each a fresh
    /// key of its own (docs/adr/0037).
    /// </summary>
    public static IReadOnlyDictionary<string, string> NewDeploymentKeys() => new Dictionary<string, string>
    {
        ["Auth:Jwt:SigningKey"] = NewSigningKey(),
        ["Auth:Services:Modules:Users:PrivateKey"] = NewSigningKey(),
        ["Auth:Services:Modules:Tweets:PrivateKey"] = NewSigningKey(),
        ["Auth:Services:Modules:Logging:PrivateKey"] = NewSigningKey(),
    };

    /// <summary>Signs and validates with <paramref name="keys"/>, as Hosts of one deployment hosting every module do.</summary>
    public static HostFactory SigningWith(this HostFactory host, IReadOnlyDictionary<string, string> keys)
    {
        foreach (var (key, value) in keys)
        {
            host.With(key, value);
        }

        return host;
    }

    public static string UserPath(string id) => $"{Api.Users}/{id}";
}
