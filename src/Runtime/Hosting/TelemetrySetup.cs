using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ModuleKit;
using OpenTelemetry;
using OpenTelemetry.Context.Propagation;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace ModuleRuntime.Hosting;

public static class TelemetrySetup
{
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string MetricsPath = "/metrics";
    public const string AllowRemoteKey = "Metrics:AllowRemote";

    /// <summary>
    /// Traces and metrics through OpenTelemetry.Extensions.Hosting and the ASP.NET Core and HttpClient instrumentation
    /// (docs/adr/0027); the host owns the providers. Without an OTLP endpoint nothing is recorded, but trace context
    /// still flows across every hop.
    /// </summary>
    public static IHostApplicationBuilder AddModuleTelemetry(this IHostApplicationBuilder builder)
    {
        var exporting = !string.IsNullOrWhiteSpace(builder.Configuration[OtlpEndpointVariable]);

        // The SDK's default propagator (W3C trace context + baggage) makes the HttpClient instrumentation inject it
        // into every outgoing request of the process, replacing a traceparent the caller set; the runtime's own
        // propagator (which ASP.NET Core, HttpClient and the front door already use) only adds one that is missing.
        // With plain W3C trace context here both instrumentations leave propagation to the runtime (docs/adr/0027).
        // Process-wide, like the runtime's: every host in a process sets the same value.
        Sdk.SetDefaultTextMapPropagator(new TraceContextPropagator());

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(builder.Environment.ApplicationName))
            .WithTracing(tracing =>
            {
                tracing.AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddSource("Yarp.ReverseProxy", Telemetry.SourceName)
                    // Dropped spans still get ids and are propagated, so one request is one trace once export is switched on.
                    .SetSampler(exporting ? new ParentBasedSampler(new AlwaysOnSampler()) : new AlwaysOffSampler());
                if (exporting)
                {
                    tracing.AddOtlpExporter();
                }
            });

        // Per signal rather than UseOtlpExporter(), which would also export logs (they go through Serilog, ADR 0026).
        // Metrics are always measured, for the Prometheus scrape at /metrics (docs/adr/0041); OTLP when configured.
        telemetry.WithMetrics(metrics =>
        {
            metrics.AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddMeter(Telemetry.SourceName)
                .AddPrometheusExporter();
            if (exporting)
            {
                metrics.AddOtlpExporter();
            }
        });

        return builder;
    }

    /// <summary>
    /// <c>GET /metrics</c> in Prometheus' text format, answered by each process for itself and never forwarded by the
    /// front door. Only loopback callers get it unless <c>Metrics:AllowRemote</c> is on (on a cluster, where the mesh's
    /// authorization policy admits Prometheus alone); anyone else gets the 404 of a path that does not exist.
    /// </summary>
    public static IApplicationBuilder UseMetricsEndpoint(this IApplicationBuilder app)
    {
        var allowRemote = app.ApplicationServices.GetRequiredService<IConfiguration>().GetValue(AllowRemoteKey, false);
        return app.UseOpenTelemetryPrometheusScrapingEndpoint(context =>
            context.Request.Path == MetricsPath && (allowRemote || IsLoopback(context.Connection.RemoteIpAddress)));
    }

    private static bool IsLoopback(IPAddress? address) =>
        address is not null && IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);
}
