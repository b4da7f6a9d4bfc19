using System.Net;
using System.Reflection;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModuleRuntime.Composition;
using ModuleRuntime.Data;
using ModuleRuntime.Remoting;

namespace ModuleRuntime.Discovery;

/// <summary>
/// An extracted instance's side of the registry: once the server listens, it registers its module, address, version
/// and module database id with the Host, renews the lease by heartbeat (registering again when the Host no longer
/// knows it, as after a Host restart), and on a graceful stop deregisters and waits a drain delay before the server
/// stops taking requests. Stopping hooks run before any hosted service stops, the web server included, so the front
/// door has stopped sending work by the time the instance refuses it (docs/adr/0043).
/// </summary>
internal sealed partial class InstanceRegistration(
    Uri frontDoor, ModuleCatalog catalog, DatabaseIdentities identities, ServiceTokens tokens, IServer server,
    IOptions<RegistrationOptions> options, TimeProvider clock, ILogger<InstanceRegistration> logger) : IHostedLifecycleService, IDisposable
{
    private readonly CancellationTokenSource stopping = new();
    private readonly RegistryClient registry = new(frontDoor, tokens, catalog.Modules.Single().Name);
    private Task running = Task.CompletedTask;
    private volatile InstanceLease? lease;

    public Task StartedAsync(CancellationToken cancellationToken)
    {
        if (Announcement() is { } announcement)
        {
            running = Task.Run(() => KeepRegistered(announcement, stopping.Token), CancellationToken.None);
        }

        return Task.CompletedTask;
    }

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        await stopping.CancelAsync();
        await running;
        if (lease is not { } held)
        {
            return;
        }

        try
        {
            await registry.Deregister(held.Id, cancellationToken);
            LogDeregistered(logger, options.Value.DrainDelay.TotalSeconds);
            await Task.Delay(options.Value.DrainDelay, clock, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            // The lease lapses on its own; the front door's probes and passive checks cover the rest.
            LogNotDeregistered(logger, e.Message);
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose()
    {
        stopping.Dispose();
        registry.Dispose();
    }

    private InstanceAnnouncement? Announcement()
    {
        var module = catalog.Modules.Single();
        var address = options.Value.Address is { Length: > 0 } configured ? configured : BoundAddress();
        if (address is null)
        {
            LogNoAddress(logger, string.Join(", ", server.Features.Get<IServerAddressesFeature>()?.Addresses ?? []));
            return null;
        }

        var version = module.GetType().Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        return new InstanceAnnouncement(module.Name, address, version, identities.Of(module.Name));
    }

    /// <summary>The first address the server bound that another process can use as it is: an IP address or localhost, and a port.</summary>
    private string? BoundAddress() =>
        (server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [])
            .Select(a => Uri.TryCreate(a, UriKind.Absolute, out var uri) ? uri : null)
            .FirstOrDefault(uri => uri is { Scheme: "http" or "https", Port: > 0 }
                && (uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && !ip.Equals(IPAddress.Any) && !ip.Equals(IPAddress.IPv6Any))))
            ?.GetLeftPart(UriPartial.Authority);

    private async Task KeepRegistered(InstanceAnnouncement announcement, CancellationToken cancellationToken)
    {
        string? lastProblem = null;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (lease is not { } held)
                {
                    var (granted, refusal) = await registry.Register(announcement, cancellationToken);
                    if (granted is null)
                    {
                        if (refusal != lastProblem)
                        {
                            LogRefused(logger, announcement.Address, announcement.Module, refusal ?? "(no answer)");
                        }

                        lastProblem = refusal;
                        await Task.Delay(options.Value.RetryDelay, clock, cancellationToken);
                        continue;
                    }

                    lease = granted;
                    lastProblem = null;
                    LogRegistered(logger, announcement.Address, announcement.Module, granted.LeaseDuration.TotalSeconds, granted.HeartbeatInterval.TotalSeconds);
                    continue;
                }

                await Task.Delay(held.HeartbeatInterval, clock, cancellationToken);
                if (!await registry.Renew(held.Id, cancellationToken))
                {
                    // The Host restarted or let the lease lapse: announce again at once.
                    LogLeaseUnknown(logger);
                    lease = null;
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // Unreachable, a timeout, an answer it could not read: the instance keeps serving and tries again.
                if (e.Message != lastProblem)
                {
                    LogUnreachable(logger, frontDoor, e.Message);
                }

                lastProblem = e.Message;
                await Delay(options.Value.RetryDelay, cancellationToken);
            }
        }
    }

    private async Task Delay(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, clock, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Registered {Address} as an instance of {Module} with the Host (lease {Lease} s, heartbeat every {Heartbeat} s)")]
    private static partial void LogRegistered(ILogger logger, string address, string module, double lease, double heartbeat);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The Host's registry refused {Address} as an instance of {Module}: {Refusal}")]
    private static partial void LogRefused(ILogger logger, string address, string module, string refusal);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The Host's registry at {FrontDoor} could not be reached, trying again: {Problem}")]
    private static partial void LogUnreachable(ILogger logger, Uri frontDoor, string problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "The Host no longer knows this instance's lease (it restarted, or the lease lapsed): registering again")]
    private static partial void LogLeaseUnknown(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Not registering with the Host: no address to announce (bound to {Bound}); set Registry:Address")]
    private static partial void LogNoAddress(ILogger logger, string bound);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deregistered from the Host; taking requests for {Seconds} s more while the front door stops sending them")]
    private static partial void LogDeregistered(ILogger logger, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not deregister from the Host ({Problem}); the lease will lapse")]
    private static partial void LogNotDeregistered(ILogger logger, string problem);
}
