using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ModuleKit;
using Serilog;
using Serilog.Configuration;
using Serilog.Formatting.Json;

namespace ModuleRuntime.Logging;

public static class LoggingSetup
{
    private const int BufferSize = 10_000;

    private const string TextTemplate =
        "[{Timestamp:HH:mm:ss} {Level:u3}] {Module,-8} {Message:lj} {UserId} {TraceId}{NewLine}{Exception}";

    /// <summary>
    /// Serilog as the process's logger. Levels, overrides and extra sinks come from the <c>Serilog</c> section; the
    /// console writes text or, with <c>Serilog:ConsoleFormat=json</c>, one JSON object per line. Every event carries
    /// the module and trace id.
    /// </summary>
    public static IHostApplicationBuilder AddModuleLogging(this IHostApplicationBuilder builder)
    {
        var console = Console(builder.Configuration["Serilog:ConsoleFormat"] ?? "text");
        builder.Logging.ClearProviders();
        // The static Log.Logger is left alone because several hosts share one process in the tests; providers added
        // after this (a test's own ILoggerProvider) still receive every event.
        builder.Services.AddSerilog((services, logger) =>
        {
            logger.ReadFrom.Configuration(builder.Configuration)
                // Sinks and enrichers registered as services (ILogEventSink, ILogEventEnricher) join those configured.
                .ReadFrom.Services(services)
                .Enrich.FromLogContext()
                .Enrich.WithProperty("Module", "Host");
            if (console is not null)
            {
                // The console is written from a background thread, so a request never waits on stdout; when the buffer
                // is full the request does wait rather than an event being dropped, and disposal at shutdown flushes it.
                logger.WriteTo.Async(console, BufferSize, blockWhenFull: true);
            }
        }, preserveStaticLogger: true, writeToProviders: true);
        return builder;
    }

    private static Action<LoggerSinkConfiguration>? Console(string format) => format.ToLowerInvariant() switch
    {
        "json" => sink => sink.Console(new JsonFormatter(renderMessage: true)),
        "text" => sink => sink.Console(outputTemplate: TextTemplate, formatProvider: CultureInfo.InvariantCulture),
        "none" => null,
        _ => throw new InvalidOperationException($"Serilog:ConsoleFormat is '{format}'; use 'text', 'json' or 'none'."),
    };
}
