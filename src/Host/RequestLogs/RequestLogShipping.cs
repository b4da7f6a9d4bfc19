using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using Logging.Contracts;
using ModuleKit;
using ModuleKit.Http;
using ModuleKit.Problems;
using ModuleKit.Settings;
using ModuleRuntime.Http;
using ModuleRuntime.Problems;

namespace Monolith.Host.RequestLogs;

/// <summary>
/// The one line the monolith adds for the log collection system: a record of every request it serves, handed to a
/// background shipper so that the Logging module being slow, failing or gone never touches a user's request.
/// </summary>
internal static partial class RequestLogShipping
{
    public static IHostApplicationBuilder AddRequestLogShipping(this IHostApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(RequestLogShippingOptions.SectionName);
        builder.Services.AddValidatedOptions<RequestLogShippingOptions, RequestLogShippingOptionsValidator>(section);
        // Whether the shipper exists at all is decided now, before the container can hand out checked options.
        if (section.GetValue(nameof(RequestLogShippingOptions.Enabled), true))
        {
            var data = DataDirectory.For(builder);
            builder.Services.AddSingleton(provider => provider.GetRequiredService<IOptions<RequestLogShippingOptions>>().Value);
            builder.Services.AddSingleton(provider =>
            {
                var options = provider.GetRequiredService<RequestLogShippingOptions>();
                return new LogSpool(data.File(options.SpoolDirectory), options.SpoolSegmentSize, provider.GetRequiredService<ILogger<LogSpool>>());
            });
            builder.Services.AddSingleton<RequestLogBuffer>();
            builder.Services.AddHostedService<RequestLogShipper>();
        }

        return builder;
    }

    /// <summary>Outermost, so the record has the final status and the whole duration.</summary>
    public static IApplicationBuilder UseRequestLogShipping(this IApplicationBuilder app)
    {
        var buffer = app.ApplicationServices.GetService<RequestLogBuffer>();
        if (buffer is null)
        {
            return app;
        }

        var spool = app.ApplicationServices.GetRequiredService<LogSpool>();
        app.ApplicationServices.GetRequiredService<IMeterFactory>().Create(Telemetry.SourceName).CreateObservableGauge(
            "monolith.request_log.spool.depth", () => spool.Pending, "{record}", "Request records spooled to disk and not yet delivered to the Logging module.");
        var clock = app.ApplicationServices.GetRequiredService<TimeProvider>();
        var logger = app.ApplicationServices.GetRequiredService<ILogger<RequestLogBuffer>>();
        return app.Use(async (context, next) =>
        {
            var startedAt = clock.GetUtcNow();
            var started = Stopwatch.GetTimestamp();
            try
            {
                await next(context);
            }
            finally
            {
                try
                {
                    buffer.Add(Record(context, startedAt, Stopwatch.GetElapsedTime(started)));
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // Memory full and the spool unwritable: this one record is lost, the request is not.
                    LogLost(logger, e.Message);
                }
            }
        });
    }

    private static RequestLogEntry Record(HttpContext context, DateTimeOffset startedAt, TimeSpan elapsed)
    {
        var owner = context.Features.Get<RequestOwner>();
        return new RequestLogEntry(
            // Time-ordered, so the Logging module's unique index on record ids grows at its end (docs/benchmarks.md).
            Guid.CreateVersion7().ToString("N"),
            startedAt,
            context.Request.Method,
            // Any length: the Logging contract cuts over-long text rather than refusing a record of a served request.
            (context.Request.PathBase + context.Request.Path).ToString(),
            context.Response.StatusCode,
            elapsed.TotalMilliseconds,
            owner?.UserId,
            context.Connection.RemoteIpAddress?.ToString(),
            owner?.Module ?? RequestOwner.HostModule,
            ProblemDetailsSetup.TraceId(context),
            (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A request record was lost: the buffer was full and the spool could not be written ({Error})")]
    private static partial void LogLost(ILogger logger, string error);
}
