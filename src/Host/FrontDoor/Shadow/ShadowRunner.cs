using Microsoft.Extensions.Options;
using ModuleRuntime.Routing;

namespace Monolith.Host.FrontDoor.Shadow;

/// <summary>
/// Off the request path: asks a healthy extracted instance each queued request again, reads its answer (bounded in
/// size and time) and records whether it matches the in-process one. At most <c>FrontDoor:Shadow:MaxInFlight</c>
/// run at once, because <see cref="ShadowTraffic"/> admits no more.
/// </summary>
internal sealed partial class ShadowRunner(
    ShadowTraffic traffic,
    ShadowResults results,
    ModulePlacement placement,
    IOptionsMonitor<ShadowOptions> options,
    ILogger<ShadowRunner> logger) : BackgroundService
{
    private static readonly HttpMessageInvoker Client = new(InstanceConnections.Handler());

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var trial in traffic.Trials.ReadAllAsync(stoppingToken).WithCancellation(stoppingToken))
        {
            _ = Run(trial, stoppingToken);
        }
    }

    private async Task Run(ShadowTrial trial, CancellationToken stoppingToken)
    {
        try
        {
            var actual = await Ask(trial, stoppingToken);
            if (actual is null)
            {
                results.Failed(trial);
                return;
            }

            var differences = AnswerComparison.Compare(trial.Expected, actual, options.CurrentValue.IgnoredFields);
            if (differences.Count == 0)
            {
                results.Matched(trial);
            }
            else
            {
                results.Mismatched(trial, differences);
                LogMismatch(logger, trial.Module, trial.Route, differences[0].Where);
            }
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException)
        {
            results.Failed(trial);
        }
        finally
        {
            traffic.Release();
        }
    }

    /// <summary>The extracted side's answer, or null when no instance could take it or it was too large to compare.</summary>
    private async Task<Answer?> Ask(ShadowTrial trial, CancellationToken stoppingToken)
    {
        var route = placement.Route(trial.Module);
        if (placement.Instance(route) is not { } instance)
        {
            return null;
        }

        using var request = new HttpRequestMessage(new HttpMethod(trial.Method), new Uri(instance, trial.PathAndQuery.TrimStart('/')));
        foreach (var (name, values) in trial.RequestHeaders)
        {
            request.Headers.TryAddWithoutValidation(name, values);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(options.CurrentValue.Timeout);
        using var response = await Client.SendAsync(request, timeout.Token);
        var body = await Read(response.Content, options.CurrentValue.MaxBodyBytes, timeout.Token);
        if (body is null)
        {
            return null;
        }

        var headers = options.CurrentValue.ComparedHeaders
            .Select(h => (Name: h, Values: response.Headers.TryGetValues(h, out var v) ? v : response.Content.Headers.TryGetValues(h, out var c) ? c : null))
            .Where(h => h.Values is not null)
            .ToDictionary(h => h.Name, h => string.Join(", ", h.Values!), StringComparer.OrdinalIgnoreCase);
        return new Answer((int)response.StatusCode, headers, body, response.Content.Headers.ContentType?.ToString());
    }

    private static async Task<byte[]?> Read(HttpContent content, int limit, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        using var copy = new MemoryStream();
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
        {
            if (copy.Length + read > limit)
            {
                return null;
            }

            copy.Write(buffer, 0, read);
        }

        return copy.ToArray();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shadow mismatch in {RoutedModule} on {Route}: first at {Where}")]
    private static partial void LogMismatch(ILogger logger, string routedModule, string route, string where);
}
