using System.Net.Sockets;
using System.Text;

namespace Host.IntegrationTests.FrontDoor;

/// <summary>
/// An extracted instance that looks healthy but dies with every request it takes: it answers its readiness probe,
/// reads anything else in full and closes the connection without a word, as a process killed mid-request does.
/// </summary>
public sealed class DroppingInstance : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();
    private readonly Task accepting;
    private int dropped;

    public DroppingInstance()
    {
        listener.Start();
        Url = $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";
        accepting = Task.Run(Accept);
    }

    public string Url { get; }

    /// <summary>The database id its readiness reports for every module.</summary>
    public string DatabaseId { get; } = Guid.NewGuid().ToString("D");

    /// <summary>How many requests (other than health probes) it received and dropped.</summary>
    public int Dropped => Volatile.Read(ref dropped);

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        await accepting.ContinueWith(_ => { }, TaskScheduler.Default);
        stop.Dispose();
    }

    private async Task Accept()
    {
        while (!stop.IsCancellationRequested)
        {
            var socket = await listener.AcceptSocketAsync(stop.Token);
            _ = Task.Run(() => Serve(socket));
        }
    }

    private async Task Serve(Socket socket)
    {
        using (socket)
        {
            var request = await ReadHead(socket);
            if (request.StartsWith("GET /health", StringComparison.Ordinal))
            {
                // Ready, on one database id for every module, which a front door can adopt (HostFactory.AdoptDatabaseOf).
                var ready = $$"""{"status":"Healthy","databases":[{{string.Join(',', new[] { "Users", "Tweets", "Logging" }.Select(m => $$"""{"module":"{{m}}","databaseId":"{{DatabaseId}}"}"""))}}]}""";
                await socket.SendAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {ready.Length}\r\nConnection: close\r\n\r\n{ready}"));
                return;
            }

            // The body, so the request was delivered in full before the instance "died".
            var length = request.Split("\r\n").Select(l => l.Split(':', 2)).Where(p => p.Length == 2 && p[0].Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
                .Select(p => int.Parse(p[1].Trim(), System.Globalization.CultureInfo.InvariantCulture)).FirstOrDefault();
            var body = request[(request.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..].Length;
            var buffer = new byte[4096];
            while (body < length && await socket.ReceiveAsync(buffer) is var read and > 0)
            {
                body += read;
            }

            Interlocked.Increment(ref dropped);
            socket.Shutdown(SocketShutdown.Both);
        }
    }

    private static async Task<string> ReadHead(Socket socket)
    {
        var text = new StringBuilder();
        var buffer = new byte[4096];
        while (!text.ToString().Contains("\r\n\r\n", StringComparison.Ordinal) && await socket.ReceiveAsync(buffer) is var read and > 0)
        {
            text.Append(Encoding.Latin1.GetString(buffer, 0, read));
        }

        return text.ToString();
    }
}
