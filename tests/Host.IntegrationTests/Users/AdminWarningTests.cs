using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Host.IntegrationTests.Users;

/// <summary>At start-up the Users module warns about each configured admin id that nobody has signed up with yet.</summary>
public sealed class AdminWarningTests
{
    [Fact]
    public async Task Start_up_warns_about_an_admin_id_without_an_account_and_not_about_one_with_an_account()
    {
        var claimed = Api.NewId("Owner");
        var unclaimed = Api.NewId("Vacant");
        await using var first = new LoggedHost();
        await first.CreateApiClient().SignUpNew(claimed);
        await first.Services.GetRequiredService<IHost>().StopAsync();
        SqliteConnection.ClearAllPools();

        await using var second = new LoggedHost();
        CopyDirectory(first.DataPath, second.DataPath);
        // The claimed id in another casing: ids match whatever their case.
        second.With("Modules:Users:Admins:0", claimed.ToUpperInvariant()).With("Modules:Users:Admins:1", unclaimed);
        _ = second.Address;

        var warnings = second.Logs.Warnings.Where(m => m.Contains("Modules:Users:Admins", StringComparison.Ordinal)).ToList();
        warnings.Should().ContainSingle().Which.Should().Contain(unclaimed);
        warnings.Should().NotContain(m => m.Contains(claimed, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Start_up_without_admin_ids_warns_about_none()
    {
        await using var host = new LoggedHost();

        _ = host.Address;

        host.Logs.Warnings.Should().NotContain(m => m.Contains("Modules:Users:Admins", StringComparison.Ordinal));
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var directory in Directory.GetDirectories(from, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(directory.Replace(from, to, StringComparison.Ordinal));
        }

        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, file.Replace(from, to, StringComparison.Ordinal), overwrite: true);
        }
    }

    /// <summary>A Host whose log messages are kept, beside the Serilog provider it logs to anyway.</summary>
    private sealed class LoggedHost : HostFactory
    {
        public LogMessages Logs { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<ILoggerProvider>(Logs));
        }
    }

    /// <summary>Every message logged at Warning or above, formatted as Serilog would render it.</summary>
    private sealed class LogMessages : ILoggerProvider
    {
        private readonly ConcurrentQueue<string> warnings = new();

        public IReadOnlyList<string> Warnings => [.. warnings];

        public ILogger CreateLogger(string categoryName) => new Collector(warnings);

        public void Dispose()
        {
        }

        private sealed class Collector(ConcurrentQueue<string> warnings) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (IsEnabled(logLevel))
                {
                    warnings.Enqueue(formatter(state, exception));
                }
            }
        }
    }
}
