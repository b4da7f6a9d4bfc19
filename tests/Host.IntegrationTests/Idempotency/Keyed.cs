namespace Host.IntegrationTests.Idempotency;

/// <summary>Requests with an <c>Idempotency-Key</c>, and what a test reads back from their answers.</summary>
internal static class Keyed
{
    public const string Header = "Idempotency-Key";
    public const string Replayed = "Idempotent-Replayed";

    public static string NewKey() => Guid.NewGuid().ToString();

    public static Task<HttpResponseMessage> PostTweet(this HttpClient client, string key, string text) =>
        client.Send(HttpMethod.Post, TweetsApi.Tweets, key, JsonContent.Create(new { text }));

    public static async Task<HttpResponseMessage> Send(this HttpClient client, HttpMethod method, string path, string? key, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = content };
        if (key is not null)
        {
            request.Headers.TryAddWithoutValidation(Header, key);
        }

        return await client.SendAsync(request);
    }

    public static bool WasReplayed(this HttpResponseMessage response) => response.Headers.Contains(Replayed);

    /// <summary>How many tweets the user has, as the user's page counts them.</summary>
    public static async Task<int> TweetCount(this HttpClient client, string userId)
    {
        using var response = await client.GetAsync(new Uri(TweetsApi.Stats(userId), UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        return JsonDocument.Parse(body).RootElement.GetProperty("tweets").GetInt32();
    }
}
