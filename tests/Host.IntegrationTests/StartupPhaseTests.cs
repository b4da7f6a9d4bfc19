using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModuleKit;

namespace Host.IntegrationTests;

/// <summary>Start-up runs in phases: every database is migrated before any initializer runs, wherever either was registered.</summary>
public sealed class StartupPhaseTests
{
    [Fact]
    public async Task An_initializer_registered_before_every_module_finds_the_Users_table_migrated()
    {
        await using var host = new PhasedHost();

        _ = host.Address;

        host.Initializer.UsersFound.Should().Be(0, "the Users table exists, empty, when the first-registered initializer runs");
    }

    [Fact]
    public async Task Start_up_logs_each_phase_done_in_order()
    {
        await using var host = new PhasedHost();

        _ = host.Address;

        host.Phases[0].Should().StartWith("Content root ", "where settings and data are read from is said before anything is touched");
        host.Phases.Skip(1).Should().Equal(
            "Start-up phase CheckSettings done",
            "Start-up phase MigrateDatabases done",
            "Start-up phase InitializeModules done",
            "Start-up phase MapEndpoints done");
    }

    /// <summary>
    /// A Host whose first registration of all is an initializer that reads the Users module's table, and which keeps
    /// what start-up logs about its phases.
    /// </summary>
    private sealed class PhasedHost : HostFactory
    {
        private readonly ConcurrentQueue<string> phases = new();

        public UsersReader Initializer { get; private set; } = null!;

        public IReadOnlyList<string> Phases => [.. phases];

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            Initializer = new UsersReader(Path.Combine(DataPath, "users.db"));
            builder.ConfigureTestServices(services =>
            {
                services.Insert(0, ServiceDescriptor.Singleton<IModuleInitializer>(Initializer));
                services.AddSingleton<ILoggerProvider>(new PhaseLog(phases));
            });
        }
    }

    private sealed class UsersReader(string database) : IModuleInitializer
    {
        public long? UsersFound { get; private set; }

        public async Task InitializeAsync(CancellationToken cancellationToken)
        {
            var connectionString = new SqliteConnectionStringBuilder { DataSource = database, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
            await using var connection = new SqliteConnection(connectionString);
            await connection.OpenAsync(cancellationToken);
            await using var count = connection.CreateCommand();
            count.CommandText = "SELECT COUNT(*) FROM \"Users\"";
            UsersFound = Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        }
    }

    private sealed class PhaseLog(ConcurrentQueue<string> phases) : ILoggerProvider, ILogger
    {
        public ILogger CreateLogger(string categoryName) =>
            categoryName.EndsWith(".StartupPhases", StringComparison.Ordinal) ? this : Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            phases.Enqueue(formatter(state, exception));

        public void Dispose()
        {
        }
    }
}
