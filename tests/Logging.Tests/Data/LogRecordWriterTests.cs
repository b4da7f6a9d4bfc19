using System.Diagnostics;
using Logging.Application;
using Logging.Data;
using Logging.Domain;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using ModuleKit.Data;
using Xunit.Abstractions;

namespace Logging.Tests.Data;

/// <summary>The batch writer against a real, migrated SQLite file.</summary>
public sealed class LogRecordWriterTests(ITestOutputHelper output) : IDisposable
{
    private readonly string path = Path.Combine(Path.GetTempPath(), $"logging-writer-{Guid.NewGuid():N}.db");

    [Fact]
    public async Task A_batch_is_stored_and_ids_already_stored_are_counted_not_stored_again()
    {
        await using var db = Database();
        var writer = new LogRecordWriter(db);
        var first = Record("a");

        var once = await writer.StoreAsync([first, Record("b")], CancellationToken.None);
        var again = await writer.StoreAsync([first, Record("c"), Record("c")], CancellationToken.None);

        once.Should().Be(new Contracts.RecordedRequests(2, 0));
        again.Should().Be(new Contracts.RecordedRequests(1, 2));
        (await db.Records.Select(r => r.RecordId).OrderBy(id => id).ToListAsync()).Should().Equal("a", "b", "c");
    }

    [Fact]
    public async Task A_batch_that_fails_part_way_stores_nothing()
    {
        await using var db = Database();
        var writer = new LogRecordWriter(db);
        var broken = new LogRecord { RecordId = "broken", Path = null!, Source = LogSources.Api };

        var storing = () => writer.StoreAsync([Record("x"), broken], CancellationToken.None);

        await storing.Should().ThrowAsync<InvalidOperationException>("a required value is missing");
        (await db.Records.CountAsync()).Should().Be(0);
    }

    [Fact]
    public async Task A_record_keeps_its_route_and_one_without_a_route_has_none()
    {
        await using var db = Database();
        var writer = new LogRecordWriter(db);

        await writer.StoreAsync([Record("routed", route: "/api/tweets/{id:long}"), Record("unrouted")], CancellationToken.None);

        var routes = await db.Records.OrderBy(r => r.RecordId).Select(r => r.Route).ToListAsync();
        routes.Should().Equal("/api/tweets/{id:long}", null);
    }

    [Fact]
    public async Task Batches_of_a_thousand_store_tens_of_thousands_of_records_a_second()
    {
        await using var db = Database();
        var writer = new LogRecordWriter(db);
        var batches = Enumerable.Range(0, 50).Select(b => Enumerable.Range(0, 1000).Select(_ => Record(Guid.NewGuid().ToString("N"))).ToList()).ToList();
        await writer.StoreAsync(batches[0], CancellationToken.None);

        var watch = Stopwatch.StartNew();
        foreach (var batch in batches.Skip(1))
        {
            await writer.StoreAsync(batch, CancellationToken.None);
        }

        var perSecond = 49_000 / watch.Elapsed.TotalSeconds;
        output.WriteLine($"{perSecond:0} records/s");
        // A loose floor that still catches a regression to one transaction or one statement per row.
        perSecond.Should().BeGreaterThan(5_000);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            File.Delete(file);
        }
    }

    private static LogRecord Record(string id, string? route = null) => new()
    {
        RecordId = id,
        Timestamp = DateTimeOffset.UtcNow,
        Method = "GET",
        Path = "/api/users/me",
        Route = route,
        Status = 200,
        DurationMs = 1.25,
        UserId = "user_1",
        Ip = "127.0.0.1",
        Module = "Users",
        TraceId = "4bf92f3577b34da6a3ce929d0e0e4736",
        Source = LogSources.Host,
    };

    private LoggingDbContext Database()
    {
        // The kit's options, as the Host's: they pick the SQLite migrations out of the module's two sets (docs/adr/0033).
        var options = new DbContextOptionsBuilder<LoggingDbContext>();
        ModuleDatabase.Use(options, ModuleDatabase.SqliteProvider, $"Data Source={path}");
        var db = new LoggingDbContext(options.Options);
        db.Database.Migrate();
        return db;
    }
}
