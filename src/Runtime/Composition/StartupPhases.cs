using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModuleKit;
using ModuleRuntime.Data;

namespace ModuleRuntime.Composition;

/// <summary>The steps of a process's start-up, logged as each is done.</summary>
internal enum StartupPhase
{
    CheckSettings,
    MigrateDatabases,
    InitializeModules,
    MapEndpoints,
}

/// <summary>
/// Start-up as the Host and every extracted service run it. Each phase finishes for every module before the next
/// begins, so no initializer depends on where its module, or its database, was registered.
/// </summary>
internal static partial class StartupPhases
{
    public static async Task RunAsync(WebApplication app, Action mapEndpoints, CancellationToken cancellationToken)
    {
        (StartupPhase Phase, Func<Task> Run)[] phases =
        [
            // The host checks settings again when it starts; checking them first keeps a bad one from migrating anything.
            (StartupPhase.CheckSettings, () => Done(() => app.Services.GetService<IStartupValidator>()?.Validate())),
            (StartupPhase.MigrateDatabases, () => ModuleDatabases.MigrateAllAsync(app.Services, cancellationToken)),
            (StartupPhase.InitializeModules, () => InitializeAsync(app.Services, cancellationToken)),
            (StartupPhase.MapEndpoints, () => Done(mapEndpoints)),
        ];

        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(StartupPhases));
        // Which settings and which data this process uses, before it touches any (docs/adr/0036).
        LogWhere(logger, app.Environment.ContentRootPath, app.Services.GetRequiredService<DataDirectory>().Path);
        foreach (var (phase, run) in phases)
        {
            await run();
            LogDone(logger, phase);
        }
    }

    private static async Task InitializeAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        foreach (var initializer in services.GetServices<IModuleInitializer>())
        {
            await initializer.InitializeAsync(cancellationToken);
        }
    }

    private static Task Done(Action action)
    {
        action();
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Content root {ContentRoot}; data directory {DataDirectory}")]
    private static partial void LogWhere(ILogger logger, string contentRoot, string dataDirectory);

    [LoggerMessage(Level = LogLevel.Information, Message = "Start-up phase {StartupPhase} done")]
    private static partial void LogDone(ILogger logger, StartupPhase startupPhase);
}
