using System.Text.Json;
using ModuleRuntime.Data;
using Yarp.ReverseProxy.Health;
using Yarp.ReverseProxy.Model;

namespace Monolith.Host.FrontDoor;

/// <summary>
/// YARP's active health policy for module instances: an instance is healthy only when its <c>/health/ready</c>
/// answers 2xx and reports, for the module, the database id of the Host's own copy of that module's database. An
/// instance started on an empty or copied data directory is ready by its own lights but would answer from other
/// data; it is marked unhealthy, with the reason, after one probe (docs/adr/0036).
/// </summary>
internal sealed class DatabaseIdentityCheck(DatabaseIdentities identities, InstanceVerdicts verdicts, IDestinationHealthUpdater updater)
    : IActiveHealthCheckPolicy
{
    public const string PolicyName = "ModuleDatabaseIdentity";

    public string Name => PolicyName;

    public void ProbingCompleted(ClusterState cluster, IReadOnlyList<DestinationProbingResult> probingResults)
    {
        // Each cluster is one module, named after it (ModuleClusters).
        var module = cluster.ClusterId;
        var expected = identities.Of(module);
        var health = new List<NewActiveDestinationHealth>(probingResults.Count);
        foreach (var result in probingResults)
        {
            var (reason, reported) = Judge(module, identities.Known, expected, result);
            verdicts.Record(module, result.Destination.Model.Config.Address, reason, reported);
            health.Add(new NewActiveDestinationHealth(result.Destination, reason is null ? DestinationHealth.Healthy : DestinationHealth.Unhealthy));
        }

        updater.SetActive(cluster, health);
    }

    /// <summary>Why the probe shows the instance unfit (null: fit), and the database id it reported.</summary>
    internal static (string? Reason, string? DatabaseId) Judge(string module, bool known, string? expected, DestinationProbingResult result)
    {
        if (result.Response is not { } response)
        {
            return ($"its readiness probe failed: {result.Exception?.Message ?? "no answer"}", null);
        }

        if (!response.IsSuccessStatusCode)
        {
            return ($"its readiness answered {(int)response.StatusCode}", null);
        }

        if (!known)
        {
            // YARP probes from the moment the Host starts, before its own databases are open.
            return ("the Host has not opened its own databases yet, so nothing can be compared", null);
        }

        if (expected is null)
        {
            // The Host has no database for this module, so there is nothing to compare.
            return (null, null);
        }

        // The probe client buffered the body (ProbeClients), so this read does not wait on the network.
        var reported = Reported(response, module, out var unreadable);
        if (unreadable is not null)
        {
            return (unreadable, null);
        }

        return reported switch
        {
            null => ($"its readiness reports no database for {module}", null),
            _ when !string.Equals(reported, expected, StringComparison.OrdinalIgnoreCase) =>
                ($"its {module} database is {reported}, not the Host's {expected}: it was started on other data (an empty or copied data directory?)", reported),
            _ => (null, reported),
        };
    }

    private static string? Reported(HttpResponseMessage response, string module, out string? unreadable)
    {
        unreadable = null;
        try
        {
            using var body = JsonDocument.Parse(response.Content.ReadAsStream());
            if (body.RootElement.ValueKind != JsonValueKind.Object
                || !body.RootElement.TryGetProperty("databases", out var databases)
                || databases.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            return databases.EnumerateArray()
                .Where(d => d.ValueKind == JsonValueKind.Object
                    && d.TryGetProperty("module", out var name) && string.Equals(name.GetString(), module, StringComparison.OrdinalIgnoreCase)
                    && d.TryGetProperty("databaseId", out var id) && id.ValueKind == JsonValueKind.String)
                .Select(d => d.GetProperty("databaseId").GetString())
                .FirstOrDefault();
        }
        catch (Exception e) when (e is JsonException or IOException or HttpRequestException)
        {
            unreadable = $"its readiness body could not be read ({e.Message})";
            return null;
        }
    }
}
