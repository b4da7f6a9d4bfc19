using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Extraction.Tests.Infrastructure;

/// <summary>
/// What a deployment runs: how many instances of each extracted module, settings every process gets (a database
/// server's connection strings, the event transport), and whether each instance has a data directory of its own,
/// standing in for a machine of its own (then it shares only what the settings name, plus a copy of its module's
/// service credential, and for Users the user-token key: the deployed secrets of docs/adr/0037).
/// </summary>
internal sealed record DeploymentShape(IReadOnlyDictionary<string, int> Instances)
{
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    public bool DataPerInstance { get; init; }

    /// <summary>
    /// Whether the extracted instances are left out of the routes file, so the front door knows them only because
    /// they registered themselves (docs/adr/0043).
    /// </summary>
    public bool Unlisted { get; init; }

    /// <summary>
    /// With <see cref="DataPerInstance"/>: the instance still opens the Host's SQLite file of its module (by connection
    /// string), so it serves the same data while its own directory holds only its deployed keys.
    /// </summary>
    public bool HostsSqliteFile { get; init; }

    public static DeploymentShape OneEach(params string[] modules) => new(modules.ToDictionary(m => m, _ => 1, StringComparer.OrdinalIgnoreCase));
}

/// <summary>
/// The Host and some extracted services as separate processes on loopback ports, sharing one fresh data directory
/// (so they share the module databases, the signing key and the log spool) and a routes file the test rewrites
/// to move modules, which the Host re-reads without a restart. Health probes, event leases and retry delays are
/// short so that moves, deaths and restarts are noticed within a second or two.
/// </summary>
internal sealed class Deployment : IAsyncDisposable
{
    public const string Password = "correct horse battery";
    public const string SigningKeyFile = "jwt-signing-key.pem";
    public const string RetiredKeysDirectory = "jwt-retired-keys";
    public const string ServiceKeysDirectory = "service-keys";
    public static readonly string[] AllModules = ["Users", "Tweets", "Logging"];

    private readonly Dictionary<string, List<ModuleProcess>> services = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Dictionary<string, string>> serviceSettings = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> unconfirmed = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<ModuleProcess> unlisted = [];
    private readonly Dictionary<string, string> hostSettings = new(StringComparer.OrdinalIgnoreCase);
    private readonly DeploymentShape shape;
    private readonly List<HttpClient> clients = [];
    private Dictionary<string, string> routes = new(StringComparer.OrdinalIgnoreCase);
    private bool keepFiles;

    public Deployment(params string[] extractedModules)
        : this(DeploymentShape.OneEach(extractedModules))
    {
    }

    public Deployment(DeploymentShape shape)
    {
        this.shape = shape;
        Root = Path.Combine(Path.GetTempPath(), "monolith-extraction-tests", Guid.NewGuid().ToString("N")[..12]);
        DataDirectory = Path.Combine(Root, "data");
        LogDirectory = Path.Combine(Root, "logs");
        // In a folder of its own, so the Host's file watcher sees only this file change.
        RoutesFile = Path.Combine(Root, "routes", "modules.json");
        Directory.CreateDirectory(DataDirectory);
        Directory.CreateDirectory(LogDirectory);
        Directory.CreateDirectory(Path.GetDirectoryName(RoutesFile)!);

        Host = new ModuleProcess("Host", Builds.HostDll, FreePort.Next(), Path.Combine(LogDirectory, "host.log"), HostArguments);
        foreach (var (module, count) in shape.Instances)
        {
            services[module] = [.. Enumerable.Range(1, count).Select(n => NewInstance(module, n))];
            if (shape.Unlisted)
            {
                unlisted.UnionWith(services[module]);
            }
        }
    }

    public string Root { get; }

    public string DataDirectory { get; }

    public string LogDirectory { get; }

    public string RoutesFile { get; }

    public ModuleProcess Host { get; }

    public string AdminId { get; } = "ops_admin";

    /// <summary>A client carrying the admin's token (the admin can read the module map and the log analysis).</summary>
    public HttpClient Admin { get; private set; } = null!;

    /// <summary>The first instance of an extracted module.</summary>
    public ModuleProcess Service(string module) => services[module][0];

    public IReadOnlyList<ModuleProcess> Instances(string module) => services[module];

    /// <summary>Settings the Host gets on top of the deployment's own (service discovery's sources); call before <see cref="Start"/>.</summary>
    public void HostSettings(params (string Key, string Value)[] settings)
    {
        foreach (var (key, value) in settings)
        {
            hostSettings[key] = value;
        }
    }

    /// <summary>
    /// Starts one more instance of an extracted module, written nowhere: not in the routes file, and no setting of the
    /// Host's changed. <paramref name="settings"/> go on top of the deployment's own (another data directory, another
    /// signing key).
    /// </summary>
    public async Task<ModuleProcess> AddInstance(string module, params (string Key, string Value)[] settings)
    {
        var list = services[module];
        var instance = NewInstance(module, list.Count + 1, settings);
        list.Add(instance);
        unlisted.Add(instance);
        await instance.Start();
        return instance;
    }

    /// <summary>
    /// Starts the module's service with these settings on top of the deployment's own (such as another data
    /// directory): an instance the Host must not confirm, so <see cref="Route"/> does not wait for it to be healthy.
    /// </summary>
    public void OnOtherData(string module, params (string Key, string Value)[] settings)
    {
        serviceSettings[module] = settings.ToDictionary(s => s.Key, s => s.Value, StringComparer.OrdinalIgnoreCase);
        unconfirmed.Add(module);
    }

    /// <summary>Rewrites the routes file as <see cref="Route"/> does, without waiting for the Host to act on it.</summary>
    public void RouteNow(params (string Key, string Value)[] settings) =>
        WriteRoutes(settings.ToDictionary(s => s.Key, s => s.Value, StringComparer.OrdinalIgnoreCase));

    /// <summary>
    /// Starts the Host with every module in-process, signs the admin up and in, then starts the extracted services;
    /// tests then move modules with <see cref="Route"/>.
    /// </summary>
    public async Task Start()
    {
        WriteRoutes(new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase));
        await Host.Start();
        var anonymous = Client();
        await anonymous.SignUp(AdminId);
        Admin = Client(await anonymous.LogIn(AdminId));
        foreach (var service in services.Values.SelectMany(s => s))
        {
            await service.Start();
        }
    }

    /// <summary>
    /// Rewrites the routes file with these settings (keys under <c>Modules</c>, such as <c>Tweets:Mode</c>), every
    /// extracted service listed as its module's one destination, then waits until the Host's module map shows each
    /// module's mode and fallback as written and, for a module sent to a running instance, that instance healthy.
    /// </summary>
    public async Task Route(params (string Key, string Value)[] settings)
    {
        var next = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in settings)
        {
            next[key] = value;
        }

        WriteRoutes(next);
        await Eventually.Until(
            async () => Settled(await Modules()),
            $"the Host routes as {RoutesFile} says: {File.ReadAllText(RoutesFile)}",
            async () => JsonSerializer.Serialize(await Modules()));
    }

    /// <summary>Waits until the Host's health checks see the module's instance healthy again (after a restart).</summary>
    public Task Healthy(string module) =>
        Eventually.Until(
            async () => (await Module(module)).Destinations.All(d => d.Health == "Healthy"),
            $"the Host sees every instance of {module} healthy",
            async () => JsonSerializer.Serialize(await Module(module)));

    /// <summary>The Host's module map (<c>GET /api/ops/modules</c>).</summary>
    public async Task<IReadOnlyList<OpsModule>> Modules()
    {
        using var response = await Admin.GetAsync(new Uri("/api/ops/modules", UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, body);
        return JsonSerializer.Deserialize<OpsMap>(body, JsonSerializerOptions.Web)!.Modules;
    }

    public async Task<OpsModule> Module(string name) =>
        (await Modules()).Single(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>A client of the Host (the front door) with a bearer token, if given.</summary>
    public HttpClient Client(string? token = null)
    {
        var client = new HttpClient(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false, UseCookies = false })
        {
            BaseAddress = Host.Url,
            // A hang shows up as a failed request, never as a test that does not end.
            Timeout = TimeSpan.FromSeconds(60),
        };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        lock (clients)
        {
            clients.Add(client);
        }

        return client;
    }

    /// <summary>A new account signed in: a client with its token.</summary>
    public async Task<HttpClient> SignedIn(string id)
    {
        var anonymous = Client();
        await anonymous.SignUp(id);
        return Client(await anonymous.LogIn(id));
    }

    public string DatabaseFile(string module) => Path.Combine(DataDirectory, $"{module.ToLowerInvariant()}.db");

    /// <summary>The data directory an instance of <paramref name="module"/> runs on (its own with <see cref="DeploymentShape.DataPerInstance"/>).</summary>
    public string DataOf(string module, int instance = 1)
    {
        var name = instance == 1 ? $"{module.ToLowerInvariant()}-service" : $"{module.ToLowerInvariant()}-service-{instance}";
        return shape.DataPerInstance ? Path.Combine(Root, $"data-{name}") : DataDirectory;
    }

    /// <summary>
    /// Runs a test's body; when it fails, writes every process's log (tail) to the test output and keeps the
    /// deployment's folder (data, logs, routes) for a closer look.
    /// </summary>
    public async Task Run(ITestOutputHelper output, Func<Task> body)
    {
        try
        {
            await body();
        }
        catch
        {
            keepFiles = true;
            output.WriteLine(Report());
            throw;
        }
    }

    public string Report()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Deployment kept at {Root}; routes file:");
        text.AppendLine(File.Exists(RoutesFile) ? File.ReadAllText(RoutesFile) : "(none)");
        foreach (var process in services.Values.SelectMany(s => s).Prepend(Host))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"---- {process.Name} ({process.Url}), last lines of {process.LogFile} ----");
            text.AppendLine(process.Tail(80));
        }

        return text.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var service in services.Values.SelectMany(s => s))
        {
            service.Kill();
        }

        Host.Kill();
        lock (clients)
        {
            clients.ForEach(c => c.Dispose());
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (!keepFiles)
        {
            // Files may be held for a moment after a kill; the temp folder is cleaned eventually otherwise.
            for (var attempt = 0; attempt < 5 && Directory.Exists(Root); attempt++)
            {
                try
                {
                    Directory.Delete(Root, recursive: true);
                }
                catch (IOException)
                {
                    await Task.Delay(200);
                }
                catch (UnauthorizedAccessException)
                {
                    await Task.Delay(200);
                }
            }
        }
    }

    private bool Settled(IReadOnlyList<OpsModule> modules) => AllModules.All(name =>
    {
        var module = modules.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase));
        if (module is null)
        {
            return false;
        }

        var mode = routes.GetValueOrDefault($"{name}:Mode", "InProcess");
        var fallback = bool.Parse(routes.GetValueOrDefault($"{name}:Fallback", "true"));
        // Sent out: every running instance the Host should confirm is seen healthy (not a stopped one, which may be what
        // the test is about, nor one on other data).
        var running = mode == "InProcess" || unconfirmed.Contains(name) || !services.TryGetValue(name, out var instances)
            ? []
            : instances.Where(i => i.Running).Select(i => i.Url).ToList();
        return module.Mode == mode
            && module.Fallback == fallback
            && running.All(url => module.Destinations.Any(d => new Uri(d.Address) == url && d.Health == "Healthy"));
    });

    private void WriteRoutes(Dictionary<string, string> settings)
    {
        foreach (var (module, instances) in services)
        {
            var listed = instances.Where(i => !unlisted.Contains(i)).ToList();
            for (var i = 0; i < listed.Count; i++)
            {
                settings.TryAdd(string.Create(CultureInfo.InvariantCulture, $"{module}:Destinations:{i}"), listed[i].Url.ToString());
            }
        }

        var modules = new JsonObject();
        foreach (var (key, value) in settings.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            // Nested objects from the configuration keys; "Destinations:0" as an object key is what an array flattens to.
            var node = modules;
            var parts = key.Split(':');
            foreach (var part in parts[..^1])
            {
                node = node[part] as JsonObject ?? (JsonObject)(node[part] = new JsonObject());
            }

            node[parts[^1]] = value;
        }

        var json = new JsonObject { ["Modules"] = modules }.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
        // Written beside it and moved into place, so the Host never reads a half-written file.
        var temporary = RoutesFile + ".tmp";
        File.WriteAllText(temporary, json);
        File.Move(temporary, RoutesFile, overwrite: true);
        routes = settings;
    }

    private IReadOnlyList<string> HostArguments()
    {
        var settings = new Dictionary<string, string>(CommonSettings(), StringComparer.OrdinalIgnoreCase)
        {
            ["FrontDoor:RoutesFile"] = RoutesFile,
            ["RequestLogShipping:RetryDelay"] = "00:00:00.200",
            ["RequestLogShipping:MaxRetryDelay"] = "00:00:01",
            ["RequestLogShipping:SendTimeout"] = "00:00:02",
            // Short leases, so a killed instance leaves within seconds; eight heartbeats each, so a busy machine's late one is not fatal.
            ["Registry:LeaseDuration"] = "00:00:04",
            ["Registry:HeartbeatInterval"] = "00:00:00.500",
        };
        foreach (var (key, value) in hostSettings)
        {
            settings[key] = value;
        }

        foreach (var module in AllModules)
        {
            settings[$"Modules:{module}:HealthCheck:Interval"] = "00:00:00.500";
            // One failed probe marks an instance down; on a busy machine a live one must not miss it by being slow.
            settings[$"Modules:{module}:HealthCheck:Timeout"] = "00:00:10";
            settings[$"Modules:{module}:HealthCheck:ReactivationPeriod"] = "00:00:01";
        }

        return Arguments(settings);
    }

    private ModuleProcess NewInstance(string module, int n, (string Key, string Value)[]? own = null)
    {
        var name = n == 1 ? $"{module.ToLowerInvariant()}-service" : $"{module.ToLowerInvariant()}-service-{n}";
        var data = shape.DataPerInstance ? Path.Combine(Root, $"data-{name}") : DataDirectory;
        return new ModuleProcess(
            n == 1 ? $"{module}.Service" : $"{module}.Service #{n}", Builds.ServiceDll(module), FreePort.Next(),
            Path.Combine(LogDirectory, $"{name}.log"), () => ServiceArguments(module, data, own ?? []));
    }

    private IReadOnlyList<string> ServiceArguments(string module, string dataDirectory, (string Key, string Value)[] own)
    {
        if (dataDirectory != DataDirectory)
        {
            // A machine of its own: it gets its module's service credential as a deployed secret (and, hosting Users, the
            // user-token keys), and nothing else of the Host's files; other keys it fetches from the front door.
            Directory.CreateDirectory(Path.Combine(dataDirectory, ServiceKeysDirectory));
            var credential = Path.Combine(ServiceKeysDirectory, module.ToLowerInvariant() + ".pem");
            File.Copy(Path.Combine(DataDirectory, credential), Path.Combine(dataDirectory, credential), overwrite: true);
            if (string.Equals(module, "Users", StringComparison.OrdinalIgnoreCase))
            {
                File.Copy(Path.Combine(DataDirectory, SigningKeyFile), Path.Combine(dataDirectory, SigningKeyFile), overwrite: true);
                var retired = Path.Combine(DataDirectory, RetiredKeysDirectory);
                foreach (var file in Directory.Exists(retired) ? Directory.GetFiles(retired, "*.pem") : [])
                {
                    Directory.CreateDirectory(Path.Combine(dataDirectory, RetiredKeysDirectory));
                    File.Copy(file, Path.Combine(dataDirectory, RetiredKeysDirectory, Path.GetFileName(file)), overwrite: true);
                }
            }
        }

        var settings = CommonSettings();
        settings["Data:Directory"] = dataDirectory;
        settings["FrontDoor:Url"] = Host.Url.ToString();
        settings["Registry:DrainDelay"] = "00:00:01";
        settings["Registry:RetryDelay"] = "00:00:00.500";
        if (shape.HostsSqliteFile)
        {
            settings[$"Modules:{module}:Database:ConnectionString"] = $"Data Source={DatabaseFile(module)}";
        }

        foreach (var (key, value) in serviceSettings.GetValueOrDefault(module) ?? [])
        {
            settings[key] = value;
        }

        foreach (var (key, value) in own)
        {
            settings[key] = value;
        }

        return Arguments(settings);
    }

    private Dictionary<string, string> CommonSettings()
    {
        var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["Data:Directory"] = DataDirectory,
            ["Modules:Users:Admins:0"] = AdminId,
            ["Events:LeaseDuration"] = "00:00:02",
            ["Events:MaxRetryDelay"] = "00:00:01",
        };
        foreach (var policy in new[] { "SignUp", "LogIn", "Refresh", "LogIngestion", "Writes" })
        {
            // Every process counts what it serves: a suite of real processes on 127.0.0.1 is one client many times over.
            settings[$"RateLimits:{policy}:PermitLimit"] = "1000000";
        }

        foreach (var module in AllModules)
        {
            // Contract timeouts are not what most of these tests are about: a busy two-core machine running the whole
            // solution's tests must not turn a slow hop into a failure. The timeout test sets its own in the routes file.
            settings[$"Modules:{module}:Remote:Timeout"] = "00:00:30";
        }

        foreach (var (key, value) in shape.Settings)
        {
            settings[key] = value;
        }

        return settings;
    }

    private static IReadOnlyList<string> Arguments(Dictionary<string, string> settings) =>
        [.. settings.Select(s => $"--{s.Key}={s.Value}")];
}

internal sealed record OpsMap(IReadOnlyList<OpsModule> Modules);

/// <param name="DeadLetters">Events the module's handlers gave up on (RabbitMQ transport); null with HTTP push.</param>
internal sealed record OpsModule(
    string Name, string Mode, bool Hosted, bool Fallback, double CanaryPercent, IReadOnlyList<OpsDestination> Destinations, OpsTraffic Traffic, long? DeadLetters);

internal sealed record OpsDestination(string Address, string Health, string? Reason)
{
    public IReadOnlyList<string> Sources { get; init; } = [];

    public string? Version { get; init; }

    public string? DatabaseId { get; init; }

    public double? LeaseAgeSeconds { get; init; }
}

internal sealed record OpsTraffic(OpsCounts Local, OpsCounts Remote, OpsCounts Fallback);

internal sealed record OpsCounts(long Requests, long Errors);

/// <summary>The few calls every scenario needs.</summary>
internal static class Api
{
    public static async Task SignUp(this HttpClient client, string id, string displayName = "Someone")
    {
        using var response = await client.PostAsJsonAsync("/api/users", new { id, password = Deployment.Password, displayName });
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    public static async Task<string> LogIn(this HttpClient client, string id)
    {
        using var response = await client.PostAsJsonAsync("/api/users/login", new { id, password = Deployment.Password });
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("accessToken").GetString()!;
    }

    /// <summary>The problem type of a problem-details answer, or null for any other answer.</summary>
    public static string? ProblemType(string contentType, string body)
    {
        if (!contentType.Contains("problem+json", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        try
        {
            return JsonDocument.Parse(body).RootElement.TryGetProperty("type", out var type) ? type.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
