using System.Net.Sockets;

namespace Extraction.Tests.Infrastructure;

internal static class FreePort
{
    /// <summary>A loopback port nothing listens on right now (the OS picks it), for a process to bind next.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
