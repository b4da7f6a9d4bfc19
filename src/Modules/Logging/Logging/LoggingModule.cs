using Logging.Application;
using Logging.Data;
using Logging.Features.GetErrorRate;
using Logging.Features.GetStats;
using Logging.Features.GetTopPaths;
using Logging.Features.IngestLogs;
using Logging.Features.ListRecords;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using ModuleKit.Data;
using ModuleKit.Settings;

namespace Logging;

/// <summary>
/// The log collection system: takes request records (from the Host's shipper through <c>RecordRequests</c>,
/// from <c>POST /api/logs</c> and from the lecture's <c>POST /log</c>), stores them, and answers analysis
/// queries for admins (counts and latency by path, route, module, user, status or minute; top paths; error rate).
/// </summary>
public sealed class LoggingModule : IModule
{
    /// <inheritdoc />
    public string Name => "Logging";

    /// <inheritdoc />
    public string RoutePrefix => "/api/logs";

    /// <inheritdoc />
    public void AddServices(IServiceCollection services, ModuleContext context)
    {
        services.AddValidatedOptions<LoggingOptions, LoggingOptionsValidator>(context.Configuration);
        services.AddModuleDatabase<LoggingDbContext>(Name, context);
        services.AddScoped<LogRecordWriter>();
        services.AddScoped<RawStatistics>();
        services.AddScoped<RollupStatistics>();
        services.AddScoped<RequestStatistics>();
        services.AddHostedService<LogMaintenance>();
    }

    /// <inheritdoc />
    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapIngestLogs();
        endpoints.MapGetStats();
        endpoints.MapGetTopPaths();
        endpoints.MapGetErrorRate();
        endpoints.MapListRecords();
    }

    /// <inheritdoc />
    public void MapRootEndpoints(IEndpointRouteBuilder root) => root.MapLegacyLog();

    /// <inheritdoc />
    public void AddHealthChecks(IHealthChecksBuilder checks) =>
        checks.AddDbContextCheck<LoggingDbContext>("logging-db", tags: [IModule.ReadyTag]);
}
