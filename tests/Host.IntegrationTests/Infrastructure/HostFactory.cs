using MediatR;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using ModuleKit.Events;
using ModuleRuntime.Events;
using ModuleRuntime.Routing;

namespace Host.IntegrationTests.Infrastructure;

/// <summary>
/// The whole Host on real Kestrel (127.0.0.1, a free port) with its own temporary data directory, quiet logs,
/// a controllable clock and per-test configuration. Every instance is a separate process state: its own
/// SQLite files, signing key and data-protection keys, all deleted on dispose.
/// </summary>
public class HostFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> settings = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<Action<IServiceCollection>> testServices = [];
    private readonly List<HttpClient> clients = [];
    private readonly Lock gate = new();
    private readonly HashSet<string> confirming = new(StringComparer.OrdinalIgnoreCase);
    private Uri? address;

    public HostFactory()
    {
        DataPath = Path.Combine(Path.GetTempPath(), "monolith-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(DataPath);
        UseKestrel(0);

        // The defaults suit one person at a keyboard, not a suite that signs up hundreds of accounts from 127.0.0.1.
        // A test about a limit sets its own with With(), which replaces these.
        foreach (var policy in UnthrottledPolicies)
        {
            With($"RateLimits:{policy}:PermitLimit", "1000000");
        }
    }

    /// <summary>The rate-limit policies (<c>RateLimits:*</c>) every test Host raises out of the way.</summary>
    public static readonly IReadOnlyList<string> UnthrottledPolicies = ["SignUp", "LogIn", "Refresh", "LogIngestion", "Writes"];

    /// <summary>The absolute data directory given to the Host as <c>Data:Directory</c>.</summary>
    public string DataPath { get; }

    /// <summary>The clock every service resolving <see cref="TimeProvider"/> sees.</summary>
    public MutableTimeProvider Clock { get; } = new();

    /// <summary>Overrides one configuration value; call before the first request.</summary>
    public HostFactory With(string key, string? value)
    {
        settings[key] = value;
        return this;
    }

    /// <summary>
    /// Gives this Host's database of <paramref name="module"/> the database id the instance at
    /// <paramref name="destination"/> reports, before the Host first opens it, so its front door confirms that
    /// instance although each keeps its own data; once started, the Host waits for the confirmation. An instance that
    /// does not answer is left as it is (a dead one, for a test of what happens then).
    /// </summary>
    public HostFactory AdoptDatabaseOf(string module, string destination)
    {
        string? id;
        try
        {
            using var probe = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(10) };
            using var ready = JsonDocument.Parse(probe.GetStringAsync(new Uri(new Uri(destination), "/health/ready")).GetAwaiter().GetResult());
            id = ready.RootElement.GetProperty("databases").EnumerateArray()
                .Where(d => d.GetProperty("module").GetString() == module)
                .Select(d => d.GetProperty("databaseId").GetString())
                .FirstOrDefault();
        }
        catch (HttpRequestException)
        {
            return this;
        }

        if (id is null)
        {
            return this;
        }

        var file = Path.Combine(DataPath, $"{module.ToLowerInvariant()}.db");
        using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString()))
        {
            connection.Open();
            using var seed = connection.CreateCommand();
            seed.CommandText = """
                CREATE TABLE "__ModuleIdentity" ("Id" INTEGER NOT NULL PRIMARY KEY, "Module" TEXT NOT NULL, "DatabaseId" TEXT NOT NULL, "CreatedAt" TEXT NOT NULL);
                INSERT INTO "__ModuleIdentity" VALUES (1, $module, $id, '2026-01-01T00:00:00Z');
                """;
            seed.Parameters.AddWithValue("$module", module);
            seed.Parameters.AddWithValue("$id", id);
            seed.ExecuteNonQuery();
        }

        confirming.Add(module);
        return this;
    }

    /// <summary>Adds or replaces services after the Host's own registrations; call before the first request.</summary>
    public HostFactory WithServices(Action<IServiceCollection> add)
    {
        testServices.Add(add);
        return this;
    }

    /// <summary>Keeps every integration event of this type the Host dispatches, as an observer; call before the first request.</summary>
    public PublishedNotifications<TNotification> Record<TNotification>()
        where TNotification : INotification
    {
        var published = new PublishedNotifications<TNotification>();
        testServices.Add(services => services.AddSingleton<ISaveChangesInterceptor>(published));
        return published;
    }

    /// <summary>
    /// Waits until every module database's outbox is empty: each event written so far has reached its subscribing
    /// modules and every observer (the dispatcher deletes an event only after that). Fails after
    /// <paramref name="within"/> (10 s by default) rather than letting a test assert on events still on their way.
    /// </summary>
    public async Task EventsDelivered(TimeSpan? within = null)
    {
        _ = Address;
        var limit = within ?? TimeSpan.FromSeconds(10);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var waiting = await PendingEvents();
            if (waiting.Count == 0)
            {
                return;
            }

            if (waited.Elapsed > limit)
            {
                throw new TimeoutException($"Events were still waiting in outboxes after {limit.TotalSeconds} s: {string.Join(", ", waiting)}.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(25));
        }
    }

    /// <summary>How many events wait in the outboxes of the databases under <see cref="DataPath"/>.</summary>
    public async Task<int> PendingEventCount() =>
        (await PendingEvents()).Sum(p => int.Parse(p[(p.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Each database under <see cref="DataPath"/> with an outbox that still holds events, as "file: count".</summary>
    private async Task<List<string>> PendingEvents()
    {
        var pending = new List<string>();
        foreach (var file in Directory.EnumerateFiles(DataPath, "*.db").Order(StringComparer.Ordinal))
        {
            // Read-only and unpooled: the test only looks, and leaves no connection behind that could hold the file.
            var connectionString = new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
            await using var connection = new SqliteConnection(connectionString);
            await connection.OpenAsync();
            await using var hasOutbox = connection.CreateCommand();
            hasOutbox.CommandText = $"SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '{EventTables.Outbox}'";
            if (Convert.ToInt64(await hasOutbox.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture) == 0)
            {
                continue;
            }

            await using var count = connection.CreateCommand();
            count.CommandText = $"SELECT COUNT(*) FROM \"{EventTables.Outbox}\"";
            var waiting = Convert.ToInt64(await count.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
            if (waiting > 0)
            {
                pending.Add($"{Path.GetFileName(file)}: {waiting}");
            }
        }

        return pending;
    }

    /// <summary>Where Kestrel listens, for example <c>http://127.0.0.1:41234</c>.</summary>
    public Uri Address
    {
        get
        {
            if (address is null)
            {
                StartServer();
                var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
                address = new Uri(addresses.Addresses.First());
                AwaitConfirmations();
            }

            return address;
        }
    }

    // A new instance takes work only once a probe has confirmed it; the first one after start-up comes within an interval.
    private void AwaitConfirmations()
    {
        var placement = Services.GetRequiredService<ModulePlacement>();
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (confirming.Any(m => placement.Instance(placement.Route(m)) is null))
        {
            if (waited.Elapsed > TimeSpan.FromSeconds(30))
            {
                throw new TimeoutException($"The front door never confirmed the instances of {string.Join(", ", confirming)}.");
            }

            Thread.Sleep(25);
        }
    }

    /// <summary>Sends a request through the Host's mediator, in a scope of its own, as another module would.</summary>
    public async Task<TResponse> Send<TResponse>(IRequest<TResponse> request)
    {
        _ = Address;
        using var scope = Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request);
    }

    /// <summary>
    /// A client of the real server: no proxy, no automatic redirects; cookies only when asked for.
    /// Disposed with the factory.
    /// </summary>
    public HttpClient CreateApiClient(string? bearerToken = null, bool cookies = false)
    {
        var client = new HttpClient(new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            UseCookies = cookies,
        })
        {
            BaseAddress = Address,
        };
        if (bearerToken is not null)
        {
            client.DefaultRequestHeaders.Authorization = new("Bearer", bearerToken);
        }

        lock (gate)
        {
            clients.Add(client);
        }

        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environments.Development);
        builder.UseSetting("Data:Directory", DataPath);
        builder.UseSetting("Serilog:ConsoleFormat", "none");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
            testServices.ForEach(add => add(services));
        });
    }

    public override async ValueTask DisposeAsync()
    {
        lock (gate)
        {
            clients.ForEach(c => c.Dispose());
            clients.Clear();
        }

        await base.DisposeAsync();
        GC.SuppressFinalize(this);
        DeleteData();
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            DeleteData();
        }
    }

    private void DeleteData()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            if (Directory.Exists(DataPath))
            {
                Directory.Delete(DataPath, recursive: true);
            }
        }
        catch (IOException)
        {
            // A file still held by a pooled connection; the temp directory is cleaned by the OS eventually.
        }
    }
}
