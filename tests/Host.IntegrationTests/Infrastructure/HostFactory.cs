using MediatR;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

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
    private Uri? address;

    public HostFactory()
    {
        DataPath = Path.Combine(Path.GetTempPath(), "monolith-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(DataPath);
        UseKestrel(0);
    }

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

    /// <summary>Keeps every notification of this type the Host publishes, beside its own handlers; call before the first request.</summary>
    public PublishedNotifications<TNotification> Record<TNotification>()
        where TNotification : INotification
    {
        var published = new PublishedNotifications<TNotification>();
        testServices.Add(services => services.AddSingleton<INotificationHandler<TNotification>>(published));
        return published;
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
            }

            return address;
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
