using System.Collections.Concurrent;

namespace Extraction.Tests.Infrastructure;

/// <summary>
/// Posts tweets as the web UI does: each with a new Idempotency-Key, and a post that got no answer (or a 502, 503 or
/// 504) sent once more with the same key. Keeps every key it used and counts those repeats.
/// </summary>
internal sealed class KeyedPosts
{
    private const string Header = "Idempotency-Key";
    private readonly ConcurrentQueue<string> keys = new();
    private int repeats;
    private int inFlight;

    public IReadOnlyCollection<string> Keys => [.. keys];

    public int Repeats => Volatile.Read(ref repeats);

    /// <summary>Posts sent and not yet answered (repeats included).</summary>
    public int InFlight => Volatile.Read(ref inFlight);

    public async Task<HttpResponseMessage> Post(HttpClient client, string path, object body)
    {
        Interlocked.Increment(ref inFlight);
        try
        {
            return await PostOnce(client, path, body);
        }
        finally
        {
            Interlocked.Decrement(ref inFlight);
        }
    }

    private async Task<HttpResponseMessage> PostOnce(HttpClient client, string path, object body)
    {
        var key = Guid.NewGuid().ToString();
        keys.Enqueue(key);
        try
        {
            var response = await Send(client, path, body, key);
            if ((int)response.StatusCode is not (502 or 503 or 504))
            {
                return response;
            }

            response.Dispose();
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            // No answer: it may or may not have been stored; the key makes asking again safe.
        }

        Interlocked.Increment(ref repeats);
        return await Send(client, path, body, key);
    }

    private static async Task<HttpResponseMessage> Send(HttpClient client, string path, object body, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = JsonContent.Create(body) };
        request.Headers.Add(Header, key);
        return await client.SendAsync(request);
    }
}
