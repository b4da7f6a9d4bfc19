using System.Text;

namespace Extraction.Tests.SameAnswers;

/// <summary>One step of the client script and what the Host answered, normalised.</summary>
internal sealed record Answer(string Step, int Status, string? Location, string Body)
{
    public override string ToString() => $"{Step}: {Status}{(Location is null ? string.Empty : " at " + Location)} {Body}";
}

/// <summary>
/// What a client of the public API does, start to end: sign up, log in, post, follow, read timelines, a user page
/// and its numbers, rename, delete, send request logs (both formats) and ask the admin's analysis questions, with a
/// few mistakes on the way (a taken id, a wrong password, a tweet too long, an unknown user, no token, no admin
/// role). Every run uses fresh ids and its own hour of log records, so two runs can be compared answer for answer
/// once ids, times and tokens are normalised.
/// </summary>
internal sealed class ClientScript(Deployment deployment, int run)
{
    private static readonly DateTimeOffset FirstHour = new(2025, 3, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly string tag = Guid.NewGuid().ToString("N")[..8];
    private readonly List<Answer> answers = [];
    private Normaliser normaliser = null!;

    public async Task<IReadOnlyList<Answer>> Run()
    {
        normaliser = new Normaliser(tag);
        var ann = $"ann_{tag}";
        var bob = $"bob_{tag}";
        var hour = FirstHour.AddHours(run);
        var from = Iso(hour);
        var to = Iso(hour.AddHours(1));
        var anonymous = deployment.Client();
        var admin = deployment.Admin;

        await Step("sign up ann", anonymous, HttpMethod.Post, "/api/users", new { id = ann, password = Deployment.Password, displayName = "Ann" });
        await Step("sign up ann again", anonymous, HttpMethod.Post, "/api/users", new { id = ann, password = Deployment.Password, displayName = "Ann" });
        await Step("sign up bob", anonymous, HttpMethod.Post, "/api/users", new { id = bob, password = Deployment.Password, displayName = "Bob" });
        await Step("sign up with a bad id", anonymous, HttpMethod.Post, "/api/users", new { id = "x", password = "short", displayName = string.Empty });
        await Step("log in ann with a wrong password", anonymous, HttpMethod.Post, "/api/users/login", new { id = ann, password = "not the password" });
        var annToken = Token(await Step("log in ann", anonymous, HttpMethod.Post, "/api/users/login", new { id = ann, password = Deployment.Password }));
        var bobToken = Token(await Step("log in bob", anonymous, HttpMethod.Post, "/api/users/login", new { id = bob, password = Deployment.Password }));
        var annClient = deployment.Client(annToken);
        var bobClient = deployment.Client(bobToken);

        await Step("me as ann", annClient, HttpMethod.Get, "/api/users/me");
        await Step("me without a token", anonymous, HttpMethod.Get, "/api/users/me");
        await Step("ann's user page", anonymous, HttpMethod.Get, $"/api/users/{ann}");
        await Step("an unknown user's page", anonymous, HttpMethod.Get, $"/api/users/nobody_{tag}");

        var first = Id(await Step("ann posts", annClient, HttpMethod.Post, "/api/tweets", new { text = $"Hello from {tag} 🐦" }));
        await Step("ann posts too much", annClient, HttpMethod.Post, "/api/tweets", new { text = new string('x', 281) });
        await Step("posting without a token", anonymous, HttpMethod.Post, "/api/tweets", new { text = "anonymous" });
        var second = Id(await Step("bob posts", bobClient, HttpMethod.Post, "/api/tweets", new { text = $"Bob's {tag}" }));
        await Step("bob follows ann", bobClient, HttpMethod.Put, $"/api/tweets/users/{ann}/follow");
        await Step("bob follows ann again", bobClient, HttpMethod.Put, $"/api/tweets/users/{ann}/follow");
        await Step("bob follows an unknown user", bobClient, HttpMethod.Put, $"/api/tweets/users/nobody_{tag}/follow");
        await Step("bob's home timeline", bobClient, HttpMethod.Get, "/api/tweets/home");
        await Step("ann's home timeline", annClient, HttpMethod.Get, "/api/tweets/home");
        await Step("the global timeline, two per page", anonymous, HttpMethod.Get, "/api/tweets?limit=2");
        await Step("ann's tweets", anonymous, HttpMethod.Get, $"/api/tweets/users/{ann}");
        await Step("ann's numbers as bob sees them", bobClient, HttpMethod.Get, $"/api/tweets/users/{ann}/stats");
        await Step("bob's numbers, anonymously", anonymous, HttpMethod.Get, $"/api/tweets/users/{bob}/stats");
        await Step("one tweet", anonymous, HttpMethod.Get, $"/api/tweets/{first}");
        await Step("a bad page size", anonymous, HttpMethod.Get, "/api/tweets?limit=0");

        await Step("ann renames herself", annClient, HttpMethod.Patch, "/api/users/me", new { displayName = "Ann A." });
        await Step("ann's tweets show the new name", anonymous, HttpMethod.Get, $"/api/tweets/users/{ann}");
        await Step("ann deletes bob's tweet", annClient, HttpMethod.Delete, $"/api/tweets/{second}");
        await Step("bob deletes his tweet", bobClient, HttpMethod.Delete, $"/api/tweets/{second}");
        await Step("the deleted tweet", anonymous, HttpMethod.Get, $"/api/tweets/{second}");
        await Step("bob unfollows ann", bobClient, HttpMethod.Delete, $"/api/tweets/users/{ann}/follow");
        await Step("ann's numbers after", anonymous, HttpMethod.Get, $"/api/tweets/users/{ann}/stats");

        await Step("a log in the lecture's format", anonymous, HttpMethod.Post, "/log",
            new { ip = "203.0.113.7", originalUrl = $"/legacy/{tag}?tab=1", userID = ann, req = new { headers = new Dictionary<string, string> { ["user-agent"] = "script" } } });
        await Step("a batch of logs", anonymous, HttpMethod.Post, "/api/logs", new object[]
        {
            new { method = "GET", path = $"/feed/{tag}", status = 200, durationMs = 40.5, timestamp = Iso(hour.AddMinutes(1)), userId = ann, shard = "eu-1" },
            new { method = "GET", path = $"/feed/{tag}", status = 503, durationMs = 950, timestamp = Iso(hour.AddMinutes(2)) },
            new { method = "POST", path = $"/feed/{tag}/items", status = 201, durationMs = 12, timestamp = Iso(hour.AddMinutes(2)), userId = bob },
            new { method = "GET", path = $"/feed/{tag}/items", status = 404, durationMs = 3, timestamp = Iso(hour.AddMinutes(3)) },
        });
        await Step("a batch with a bad record", anonymous, HttpMethod.Post, "/api/logs", new object[]
        {
            new { method = "GET", path = $"/feed/{tag}", status = 200, durationMs = 1 },
            new { method = "GET", path = $"/feed/{tag}", status = 99, durationMs = -1 },
        });
        await Step("statistics by path", admin, HttpMethod.Get, $"/api/logs/stats?by=path&from={from}&to={to}");
        await Step("statistics by user", admin, HttpMethod.Get, $"/api/logs/stats?by=user&from={from}&to={to}");
        await Step("statistics by minute", admin, HttpMethod.Get, $"/api/logs/stats?by=minute&from={from}&to={to}");
        await Step("top paths", admin, HttpMethod.Get, $"/api/logs/top-paths?from={from}&to={to}&limit=5");
        await Step("error rate", admin, HttpMethod.Get, $"/api/logs/error-rate?from={from}&to={to}");
        await Step("the lecture-format record", admin, HttpMethod.Get, $"/api/logs/records?path=/legacy/{tag}");
        await Step("records of the batch", admin, HttpMethod.Get, $"/api/logs/records?path=/feed/{tag}&from={from}&to={to}");
        await Step("statistics without the admin role", annClient, HttpMethod.Get, $"/api/logs/stats?by=path&from={from}&to={to}");
        await Step("statistics by something unknown", admin, HttpMethod.Get, "/api/logs/stats?by=colour");
        return answers;
    }

    private static string Iso(DateTimeOffset time) => time.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Token(JsonElement body) => body.GetProperty("accessToken").GetString()!;

    private static long Id(JsonElement body) => body.GetProperty("id").GetInt64();

    private async Task<JsonElement> Step(string name, HttpClient client, HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var json = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        var location = response.Headers.Location?.ToString();
        var contentType = response.Content.Headers.ContentType?.MediaType;
        answers.Add(new Answer(
            name,
            (int)response.StatusCode,
            location is null ? null : normaliser.Text(location),
            $"{contentType} {(text.Length == 0 ? string.Empty : normaliser.Json(json))}"));
        return json;
    }
}

/// <summary>
/// Makes two runs' answers comparable: the run's tag, tweet ids (numbered in order of first sight), times, trace
/// ids, tokens, cursors and generated record ids become placeholders; everything else stays as answered.
/// </summary>
internal sealed partial class Normaliser(string tag)
{
    private readonly Dictionary<long, int> tweetIds = [];

    public string Json(JsonElement element)
    {
        var text = new StringBuilder();
        Write(element, null, text);
        return text.ToString();
    }

    public string Text(string value)
    {
        var text = value.Replace(tag, "{tag}", StringComparison.Ordinal);
        text = TweetPath().Replace(text, m => "/api/tweets/" + Tweet(long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)));
        text = TweetNamed().Replace(text, m => "tweet with the id " + Tweet(long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)));
        text = Time().Replace(text, "<time>");
        return HexId().Replace(text, "<id>");
    }

    private string Tweet(long id)
    {
        if (!tweetIds.TryGetValue(id, out var number))
        {
            number = tweetIds.Count + 1;
            tweetIds[id] = number;
        }

        return $"tweet#{number.ToString(CultureInfo.InvariantCulture)}";
    }

    private void Write(JsonElement element, string? property, StringBuilder text)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                text.Append('{');
                // Ordered by name: the order of properties is not part of an answer's meaning.
                foreach (var member in element.EnumerateObject().OrderBy(m => m.Name, StringComparer.Ordinal))
                {
                    text.Append(member.Name).Append(':');
                    Write(member.Value, member.Name, text);
                    text.Append(',');
                }

                text.Append('}');
                break;
            case JsonValueKind.Array:
                text.Append('[');
                foreach (var item in element.EnumerateArray())
                {
                    Write(item, property, text);
                    text.Append(',');
                }

                text.Append(']');
                break;
            case JsonValueKind.String:
                text.Append(property switch
                {
                    "traceId" => "<trace>",
                    "accessToken" or "refreshToken" => "<token>",
                    "nextCursor" => "<cursor>",
                    _ => '"' + Text(element.GetString()!) + '"',
                });
                break;
            case JsonValueKind.Number when property is "id" && element.TryGetInt64(out var id):
                text.Append(Tweet(id));
                break;
            default:
                text.Append(element.GetRawText());
                break;
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"/api/tweets/(\d+)")]
    private static partial System.Text.RegularExpressions.Regex TweetPath();

    [System.Text.RegularExpressions.GeneratedRegex(@"tweet with the id (\d+)")]
    private static partial System.Text.RegularExpressions.Regex TweetNamed();

    [System.Text.RegularExpressions.GeneratedRegex(@"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?")]
    private static partial System.Text.RegularExpressions.Regex Time();

    [System.Text.RegularExpressions.GeneratedRegex(@"\b[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}\b")]
    private static partial System.Text.RegularExpressions.Regex HexId();
}
