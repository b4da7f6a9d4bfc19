using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Tests.Shared;

namespace Monolith.Bench;

/// <summary>
/// Every process the scenarios compare, on loopback ports, sharing one fresh data directory (so one signing key and
/// the same module databases):
/// <list type="bullet">
/// <item><see cref="Monolith"/>: the Host with every module in-process, as <c>dotnet run --project src/Host</c> runs it.</item>
/// <item><see cref="Quiet"/>: the same Host with request-log shipping off.</item>
/// <item><see cref="FrontDoor"/>: a Host whose routes file sends Users and Tweets to <see cref="UsersService"/> and
/// <see cref="TweetsService"/> (no fallback), so every Users or Tweets request crosses the front door.</item>
/// <item><see cref="Bare"/>: a minimal API reading the same users.db with nothing around the query.</item>
/// </list>
/// </summary>
internal sealed class Bed : IDisposable
{
    public const string Password = "correct horse battery";
    public const string Reader = "bench_reader";
    public const int Writers = 32;

    private readonly List<AppProcess> processes = [];

    // Known before the front door starts: the services call it for other modules' work.
    private readonly int frontDoorPort = FreePort.Next();

    public Bed(string repository, string root)
    {
        Root = root;
        DataDirectory = Path.Combine(root, "data");
        LogDirectory = Path.Combine(root, "logs");
        Directory.CreateDirectory(DataDirectory);
        Directory.CreateDirectory(LogDirectory);
        Repository = repository;

        Monolith = Add("host", HostDll, Host(Routes("monolith", new JsonObject())));
        Quiet = Add("host-no-shipping", HostDll, Host(Routes("quiet", new JsonObject()), ("RequestLogShipping:Enabled", "false")));
        UsersService = Add("users-service", Dll("src/Extracted/Users.Service", "Users.Service"), Service());
        TweetsService = Add("tweets-service", Dll("src/Extracted/Tweets.Service", "Tweets.Service"), Service(("Modules:Users:Destinations:0", UsersService.Url.ToString())));
        FrontDoor = Add("host-front-door", HostDll, Host(Routes("front-door", new JsonObject
        {
            ["Users"] = Remote(UsersService),
            ["Tweets"] = Remote(TweetsService),
        })), frontDoorPort);
        Bare = Add("bare-api", Dll("bench/BareApi", "Monolith.Bench.BareApi"), new Dictionary<string, string> { ["Database"] = Path.Combine(DataDirectory, "users.db") });
    }

    public string Root { get; }

    public string Repository { get; }

    public string DataDirectory { get; }

    public string LogDirectory { get; }

    public AppProcess Monolith { get; }

    public AppProcess Quiet { get; }

    public AppProcess UsersService { get; }

    public AppProcess TweetsService { get; }

    public AppProcess FrontDoor { get; }

    public AppProcess Bare { get; }

    public string HostDll => Dll("src/Host", "Monolith.Host");

    /// <summary>The reader's token: follows 20 writers, so the home timeline's first page holds 20 tweets by 20 authors.</summary>
    public string ReaderToken { get; private set; } = "";

    public IReadOnlyList<string> WriterTokens { get; private set; } = [];

    public string Dll(string project, string assembly) =>
        Path.Combine(Repository, project, "bin", "Release", "net10.0", assembly + ".dll");

    /// <summary>The settings of a Host of its own (for the start-up scenario): every module in-process.</summary>
    public Dictionary<string, string> StandaloneHost(string name, string dataDirectory) =>
        Settings(dataDirectory, [("FrontDoor:RoutesFile", Routes(name, new JsonObject()))]);

    /// <summary>Starts the monolith, signs the accounts up through it and fills the timelines, then starts the rest.</summary>
    public async Task Start()
    {
        Console.WriteLine($"Data and logs under {Root}");
        await Monolith.Start();
        (ReaderToken, WriterTokens) = await Seed(Monolith);
        foreach (var process in processes.Where(p => p != Monolith))
        {
            await process.Start();
        }
    }

    /// <summary>
    /// A Host with every module in-process and every module's data on PostgreSQL (a database per module on
    /// <paramref name="server"/>), seeded as the monolith was. It shares the data directory, so the same signing key:
    /// the tokens of <see cref="ReaderToken"/> and <see cref="WriterTokens"/> hold for it too.
    /// </summary>
    public async Task<(AppProcess Host, IReadOnlyDictionary<string, string> Connections)> StartOnPostgres(PostgresServer server)
    {
        var settings = new List<(string Key, string Value)>();
        var connections = new Dictionary<string, string>();
        foreach (var module in new[] { "Users", "Tweets", "Logging" })
        {
            connections[module] = await server.CreateDatabaseAsync("bench_" + module.ToLowerInvariant());
            settings.Add(($"Modules:{module}:Database:Provider", "Postgres"));
            settings.Add(($"Modules:{module}:Database:ConnectionString", connections[module]));
        }

        var host = Add("host-postgres", HostDll, Host(Routes("postgres", new JsonObject()), [.. settings]));
        await host.Start();
        await Seed(host);
        return (host, connections);
    }

    /// <summary>Signs the reader and the writers up, has the reader follow 20 writers and each of those post twice.</summary>
    private static async Task<(string Reader, IReadOnlyList<string> Writers)> Seed(AppProcess host)
    {
        using var client = new HttpClient { BaseAddress = host.Url, Timeout = TimeSpan.FromSeconds(60) };
        var reader = await SignUp(client, Reader);
        var writers = new List<string>();
        for (var i = 1; i <= Writers; i++)
        {
            writers.Add(await SignUp(client, Writer(i)));
        }

        for (var i = 1; i <= 20; i++)
        {
            await Follow(client, reader, Writer(i));
            for (var tweet = 0; tweet < 2; tweet++)
            {
                using var posted = await Send(client, HttpMethod.Post, "/api/tweets", writers[i - 1], new { text = $"Tweet {tweet} by writer {i}" });
                Expect(posted, HttpStatusCode.Created);
            }
        }

        return (reader, writers);
    }

    public void Dispose()
    {
        foreach (var process in processes)
        {
            process.Dispose();
        }
    }

    public static string Writer(int i) => string.Create(CultureInfo.InvariantCulture, $"bench_w{i:00}");

    private AppProcess Add(string name, string dll, IReadOnlyDictionary<string, string> settings, int? port = null)
    {
        var process = new AppProcess(name, dll, LogDirectory, settings, port);
        processes.Add(process);
        return process;
    }

    private static Dictionary<string, string> Settings(string dataDirectory, IEnumerable<(string Key, string Value)> extra)
    {
        var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Data:Directory"] = dataDirectory };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        return settings;
    }

    // The services send other modules' work through the front door.
    private Dictionary<string, string> Service(params (string Key, string Value)[] extra) =>
        Settings(DataDirectory, extra.Prepend(("FrontDoor:Url", string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{frontDoorPort}/"))));

    private Dictionary<string, string> Host(string routesFile, params (string Key, string Value)[] extra) =>
        Settings(DataDirectory, extra.Prepend(("FrontDoor:RoutesFile", routesFile)));

    private static JsonObject Remote(AppProcess service) => new()
    {
        ["Mode"] = "Remote",
        ["Fallback"] = false,
        ["Destinations"] = new JsonArray(service.Url.ToString()),
    };

    private string Routes(string name, JsonObject modules)
    {
        var file = Path.Combine(Root, "routes", name, "modules.json");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, new JsonObject { ["Modules"] = modules }.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        return file;
    }

    private static async Task<string> SignUp(HttpClient client, string id)
    {
        using (var created = await Send(client, HttpMethod.Post, "/api/users", null, new { id, password = Password, displayName = $"Bench {id}" }))
        {
            Expect(created, HttpStatusCode.Created);
        }

        using var login = await Send(client, HttpMethod.Post, "/api/users/login", null, new { id, password = Password });
        Expect(login, HttpStatusCode.OK);
        return JsonDocument.Parse(await login.Content.ReadAsStringAsync()).RootElement.GetProperty("accessToken").GetString()!;
    }

    // The Tweets module learns of a new account from the Users module's event, a moment after sign-up.
    private static async Task Follow(HttpClient client, string reader, string id)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var followed = await Send(client, HttpMethod.Put, $"/api/tweets/users/{id}/follow", reader, null);
            if (followed.IsSuccessStatusCode || attempt == 100)
            {
                Expect(followed, followed.IsSuccessStatusCode ? followed.StatusCode : HttpStatusCode.NoContent);
                return;
            }

            await Task.Delay(100);
        }
    }

    private static Task<HttpResponseMessage> Send(HttpClient client, HttpMethod method, string path, string? token, object? body)
    {
        var message = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        if (token is not null)
        {
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client.SendAsync(message);
    }

    private static void Expect(HttpResponseMessage response, HttpStatusCode status)
    {
        if (response.StatusCode != status)
        {
            throw new InvalidOperationException(
                $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}, not {(int)status}: {response.Content.ReadAsStringAsync().Result}");
        }
    }
}
