using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace ModuleKit.Hosting;

public static class TelemetrySetup
{
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>
    /// Traces and metrics from what ASP.NET Core, HttpClient, the front door and the kit emit natively (the
    /// instrumentation packages do not restore here: docs/adr/0019). Providers are built by hand and disposed with
    /// the container. Without an OTLP endpoint nothing is recorded, but trace context still flows across every hop.
    /// </summary>
    public static IHostApplicationBuilder AddModuleTelemetry(this IHostApplicationBuilder builder)
    {
        var exporting = !string.IsNullOrWhiteSpace(builder.Configuration[OtlpEndpointVariable]);
        var resource = ResourceBuilder.CreateDefault().AddService(builder.Environment.ApplicationName);

        var tracing = Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(resource)
            .AddSource("Microsoft.AspNetCore", "System.Net.Http", "Yarp.ReverseProxy", Telemetry.SourceName)
            // Dropped spans still get ids and are propagated, so one request is one trace once export is switched on.
            .SetSampler(exporting ? new ParentBasedSampler(new AlwaysOnSampler()) : new AlwaysOffSampler());
        var metrics = Sdk.CreateMeterProviderBuilder()
            .SetResourceBuilder(resource)
            .AddMeter("Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "System.Net.Http", Telemetry.SourceName);
        if (exporting)
        {
            tracing.AddOtlpExporter();
            metrics.AddOtlpExporter();
        }

        builder.Services.AddSingleton(tracing.Build()!);
        if (exporting)
        {
            builder.Services.AddSingleton(metrics.Build()!);
        }

        return builder;
    }
}
