using System.Net.Sockets;
using System.Text;

namespace Host.IntegrationTests.Hosting;

/// <summary>
/// The HttpClient instrumentation hears every HttpClient in the process: the runtime's diagnostic listener it
/// subscribes to is process-wide. With the SDK's default propagator it rewrote the <c>traceparent</c> of every
/// outgoing request, one set on purpose included (docs/adr/0027). What leaves is read off the wire.
/// </summary>
public sealed class TraceContextTests
{
    [Fact]
    public async Task With_the_Host_running_an_outgoing_request_leaves_with_the_traceparent_it_was_given()
    {
        await using var host = new HostFactory();
        _ = host.Address;
        var traceparent = $"00-{Guid.NewGuid():N}-{Guid.NewGuid().ToString("N")[..16]}-01";

        var sent = await TraceparentOnTheWire(traceparent);

        sent.Should().Equal([traceparent], "the Host's telemetry must not replace a trace context the sender chose");
    }

    /// <summary>Sends a request with this traceparent through a plain HttpClient to a bare socket; returns the traceparent headers it received.</summary>
    private static async Task<IReadOnlyList<string>> TraceparentOnTheWire(string traceparent)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(10) };
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/"));
        request.Headers.Add("traceparent", traceparent);
        var sending = client.SendAsync(request);

        using var socket = await listener.AcceptSocketAsync();
        var head = new StringBuilder();
        var buffer = new byte[4096];
        while (!head.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var read = await socket.ReceiveAsync(buffer);
            if (read == 0)
            {
                break;
            }

            head.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        await socket.SendAsync("HTTP/1.1 204 No Content\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"u8.ToArray());
        using (var response = await sending)
        {
            response.StatusCode.Should().Be(HttpStatusCode.NoContent);
        }

        return [.. head.ToString().Split("\r\n")
            .Where(line => line.StartsWith("traceparent:", StringComparison.OrdinalIgnoreCase))
            .Select(line => line["traceparent:".Length..].Trim())];
    }
}
