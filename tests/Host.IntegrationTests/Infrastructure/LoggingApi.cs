using System.Globalization;

namespace Host.IntegrationTests.Infrastructure;

/// <summary>
/// A Host for Logging tests: it ships none of its own requests into the module (so counts are exact), and one
/// configured admin is signed in for the analysis endpoints.
/// </summary>
public class LoggingHost : HostFactory, IAsyncLifetime
{
    public LoggingHost()
    {
        AdminId = Api.NewId("admin");
        With("RequestLogShipping:Enabled", "false");
        With("Modules:Users:Admins:0", AdminId);
    }

    public string AdminId { get; }

    /// <summary>A client carrying the admin's token.</summary>
    public HttpClient Admin { get; private set; } = null!;

    /// <summary>A client with no token: ingestion needs none from loopback.</summary>
    public HttpClient Sender { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Sender = CreateApiClient();
        Admin = (await this.SignedInUser(AdminId)).Client;
    }

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;
}

/// <summary>The Logging API as a test drives it.</summary>
public static class LoggingApi
{
    public const string Logs = "/api/logs";
    public const string LegacyLog = "/log";
    public const string Records = "/api/logs/records";
    public const string Stats = "/api/logs/stats";
    public const string TopPaths = "/api/logs/top-paths";
    public const string ErrorRate = "/api/logs/error-rate";
    public const string KeyHeader = "X-Ingestion-Key";

    private static readonly DateTimeOffset FirstHour = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static int hours;

    /// <summary>The start of an hour no other test in this process writes records into, for exact analysis numbers.</summary>
    public static DateTimeOffset NewHour() => FirstHour.AddHours(Interlocked.Increment(ref hours));

    /// <summary>A value no other test uses, to find exactly the records one test wrote.</summary>
    public static string Unique(string prefix) => Api.NewId(prefix);

    /// <summary>A record in the /api/logs format; null fields are left out.</summary>
    public static Dictionary<string, object?> Record(
        string path = "/api/things",
        int status = 200,
        double durationMs = 12.5,
        DateTimeOffset? at = null,
        string? module = null,
        string? userId = null,
        string method = "GET",
        string? id = null,
        string? route = null)
    {
        var record = new Dictionary<string, object?>
        {
            ["method"] = method,
            ["path"] = path,
            ["status"] = status,
            ["durationMs"] = durationMs,
        };
        Put(record, "timestamp", at?.ToString("O", CultureInfo.InvariantCulture));
        Put(record, "module", module);
        Put(record, "userId", userId);
        Put(record, "id", id);
        Put(record, "route", route);
        return record;
    }

    /// <summary>The JSON text of a value, as a test splices it into a hand-written body.</summary>
    public static string ToJson(this object value) => JsonSerializer.Serialize(value);

    public static Task<HttpResponseMessage> PostLogs(this HttpClient client, object body) => client.PostAsJsonAsync(Logs, body);

    public static Task<HttpResponseMessage> PostLegacyLog(this HttpClient client, object body) => client.PostAsJsonAsync(LegacyLog, body);

    /// <summary>Posts records and asserts they were all newly stored.</summary>
    public static async Task Store(this HttpClient client, params object[] records)
    {
        using var response = await client.PostLogs(records);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, body);
        JsonDocument.Parse(body).RootElement.GetProperty("stored").GetInt32().Should().Be(records.Length, body);
    }

    /// <summary>Gets a JSON answer, asserting 200.</summary>
    public static async Task<JsonElement> GetJson(this HttpClient client, string uri)
    {
        using var response = await client.GetAsync(new Uri(uri, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>A path with query parameters, each value escaped; null values are left out.</summary>
    public static string Query(string path, params (string Name, object? Value)[] parameters)
    {
        var query = string.Join("&", parameters
            .Where(p => p.Value is not null)
            .Select(p => $"{p.Name}={Uri.EscapeDataString(Format(p.Value!))}"));
        return query.Length == 0 ? path : $"{path}?{query}";
    }

    /// <summary>The window [hour, hour + 1h) as query parameters.</summary>
    public static (string, object?)[] Hour(DateTimeOffset hour) => [("from", hour), ("to", hour.AddHours(1))];

    /// <summary>The records of one module in the last hour (or the given window), newest first.</summary>
    public static async Task<IReadOnlyList<JsonElement>> RecordsOf(this HttpClient admin, string module, DateTimeOffset? hour = null)
    {
        var window = hour is null ? [] : Hour(hour.Value);
        var page = await admin.GetJson(Query(Records, [.. window, ("module", module), ("limit", 500)]));
        return [.. page.GetProperty("items").EnumerateArray()];
    }

    private static string Format(object value) => value switch
    {
        DateTimeOffset time => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString()!,
    };

    private static void Put(Dictionary<string, object?> record, string name, object? value)
    {
        if (value is not null)
        {
            record[name] = value;
        }
    }
}
