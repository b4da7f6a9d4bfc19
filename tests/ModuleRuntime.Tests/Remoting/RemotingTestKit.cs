using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using Logging;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging;
using ModuleKit.Auth;
using ModuleRuntime.Tests.Routing;
using ModuleRuntime.Auth;
using ModuleRuntime.Remoting;
using Tweets;
using Users;

namespace ModuleRuntime.Tests.Remoting;

/// <summary>
/// A stand-in for an extracted instance on loopback Kestrel: it counts the contract calls it receives and answers
/// each with the status the test chose (a problem body for errors, a JSON value otherwise).
/// </summary>
internal sealed class FakeInstance : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, int> attempts = new(StringComparer.Ordinal);
    private WebApplication app = null!;

    public Uri Address { get; private set; } = null!;

    /// <summary>The status every contract call is answered with.</summary>
    public int Status { get; set; } = StatusCodes.Status500InternalServerError;

    /// <summary>The JSON written for a successful call.</summary>
    public string Answer { get; set; } = "0";

    public static async Task<FakeInstance> StartAsync()
    {
        var fake = new FakeInstance();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        fake.app = builder.Build();
        fake.app.MapPost("/internal/contracts/{name}", fake.Serve);
        await fake.app.StartAsync();
        fake.Address = new Uri(fake.app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return fake;
    }

    public int AttemptsAt(string contract) => attempts.GetValueOrDefault(contract);

    private IResult Serve(string name)
    {
        attempts.AddOrUpdate(name, 1, (_, n) => n + 1);
        return Status < 400
            ? Results.Text(Answer, "application/json", statusCode: Status)
            : Results.Problem(detail: "a failure the test asked for", statusCode: Status, type: "urn:problem:test");
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}

/// <summary>
/// A process that hosts none of the shipped modules and calls them all remotely, wired the way the kit wires a
/// process: routing, token validation (with a public user-token key alone) and service tokens, the contract catalog
/// and the forwarder. It holds the service credential of <see cref="Module"/>, the one module it speaks for.
/// </summary>
internal sealed class CallingProcess : IDisposable
{
    public const string Module = "Users";

    private readonly RoutingProcess process;
    private readonly DataDirectory data = new(Path.Combine(Path.GetTempPath(), "modulekit-tests", Guid.NewGuid().ToString("N")));

    public CallingProcess(IDictionary<string, string?> settings, TimeProvider? clock = null)
    {
        var all = new Dictionary<string, string?>(settings);
        all.TryAdd("Auth:Jwt:PublicKeys:0", PublicKey(NewKey()));
        process = new RoutingProcess(all, [], (services, configuration) =>
        {
            if (clock is not null)
            {
                services.AddSingleton(clock);
            }

            services.AddSingleton<IHostEnvironment>(new HostingEnvironment { ApplicationName = "Calling.Service", EnvironmentName = "Testing" });
            services.AddTokenAuthentication(configuration, data);
            services.AddModuleCredentials(configuration, data, [Module]);
            services.AddHttpContextAccessor();
            services.AddSingleton(new ContractCatalog([typeof(UsersModule).Assembly, typeof(TweetsModule).Assembly, typeof(LoggingModule).Assembly]));
            services.AddSingleton<ServiceTokens>();
            services.AddSingleton<InternalHttp>();
            services.AddSingleton<ContractForwarder>();
        });
    }

    public ContractForwarder Forwarder => process.Get<ContractForwarder>();

    public ServiceTokens Tokens => process.Get<ServiceTokens>();

    public T Get<T>()
        where T : notnull => process.Get<T>();

    public void Dispose()
    {
        process.Dispose();
        Directory.Delete(data.Path, recursive: true);
    }

    public DataDirectory Data => data;

    public static string NewKey()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return key.ExportPkcs8PrivateKeyPem();
    }

    public static string PublicKey(string privatePem)
    {
        using var key = ECDsa.Create();
        key.ImportFromPem(privatePem);
        return key.ExportSubjectPublicKeyInfoPem();
    }
}
