using System.Globalization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Host.IntegrationTests.RequestLogShipping;

/// <summary>
/// A Host that ships its request records with short timings, a switchable fault in front of the Logging contract,
/// clients that count every request they send, and direct reads of the Logging database and the spool.
/// Given a data directory (a copy of an earlier Host's), it runs on that one and deletes it when disposed.
/// </summary>
public sealed class ShippingHost : HostFactory
{
    public const string SpoolFolder = "log-spool";
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
    private readonly string? ownedDataDirectory;
    private int sent;

    public ShippingHost(string? dataDirectory = null)
    {
        ownedDataDirectory = dataDirectory;
        DataDirectory = dataDirectory ?? DataPath;
        if (dataDirectory is not null)
        {
            With("Data:Directory", dataDirectory);
        }

        AdminId = Api.NewId("admin");
        With("Modules:Users:Admins:0", AdminId);
        With("RequestLogShipping:SendTimeout", "00:00:01");
        With("RequestLogShipping:RetryDelay", "00:00:00.200");
        With("RequestLogShipping:MaxRetryDelay", "00:00:01");
        With("RequestLogShipping:FlushInterval", "00:00:00.050");
    }

    /// <summary>The generous bound on waiting for an outcome that should come within a second or two.</summary>
    public static TimeSpan Patience { get; } = TimeSpan.FromSeconds(30);

    public LoggingFault Fault { get; } = new();

    public string AdminId { get; }

    /// <summary>The data directory the Host really uses.</summary>
    public string DataDirectory { get; }

    public string SpoolPath => Path.Combine(DataDirectory, SpoolFolder);

    /// <summary>Requests sent through this Host's counting clients.</summary>
    public int Sent => Volatile.Read(ref sent);

    /// <inheritdoc cref="HostFactory.With"/>
    public new ShippingHost With(string key, string? value)
    {
        base.With(key, value);
        return this;
    }

    /// <summary>A client whose every request is counted in <see cref="Sent"/>.</summary>
    public HttpClient Client(string? bearerToken = null)
    {
        var client = new HttpClient(new Counting(this, new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false, UseCookies = false }))
        {
            BaseAddress = Address,
        };
        if (bearerToken is not null)
        {
            client.DefaultRequestHeaders.Authorization = new("Bearer", bearerToken);
        }

        clients.Add(client);
        return client;
    }

    /// <summary>A new account, signed in: two requests (sign-up, log-in).</summary>
    public async Task<(string Id, HttpClient Client)> SignedIn(string? id = null)
    {
        var anonymous = Client();
        id = await anonymous.SignUpNew(id);
        return (id, Client(await anonymous.TokenFor(id)));
    }

    public Task<(string Id, HttpClient Client)> SignedInAdmin() => SignedIn(AdminId);

    /// <summary>Starts the Host (it starts on first use otherwise).</summary>
    public void Start() => _ = Address;

    /// <summary>Stops the Host gracefully (as on shutdown), leaving its data directory in place.</summary>
    public Task Stop() => Services.GetRequiredService<IHost>().StopAsync();

    /// <summary>Copies the data directory (for a second Host to start from); the Host must be stopped.</summary>
    public string CopyData()
    {
        SqliteConnection.ClearAllPools();
        var copy = Path.Combine(Path.GetTempPath(), "monolith-tests", Guid.NewGuid().ToString("N"));
        foreach (var file in Directory.EnumerateFiles(DataDirectory, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(copy, Path.GetRelativePath(DataDirectory, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        return copy;
    }

    // ---- The Logging database, read directly ----

    /// <summary>Records the Host shipped (source "host"), optionally only those whose path starts with <paramref name="pathPrefix"/>.</summary>
    public long HostRecordCount(string? pathPrefix = null) =>
        Scalar("SELECT COUNT(*) FROM LogRecords WHERE Source = 'host' AND ($prefix IS NULL OR substr(Path, 1, length($prefix)) = $prefix)",
            ("$prefix", pathPrefix));

    /// <summary>All records of any source.</summary>
    public long RecordCount(string? source = null) =>
        Scalar("SELECT COUNT(*) FROM LogRecords WHERE ($source IS NULL OR Source = $source)", ("$source", source));

    /// <summary>How many host records each path under <paramref name="pathPrefix"/> has.</summary>
    public IReadOnlyDictionary<string, long> HostRecordsPerPath(string pathPrefix)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        Query(
            "SELECT Path, COUNT(*) FROM LogRecords WHERE Source = 'host' AND substr(Path, 1, length($prefix)) = $prefix GROUP BY Path",
            reader => counts[reader.GetString(0)] = reader.GetInt64(1),
            ("$prefix", pathPrefix));
        return counts;
    }

    /// <summary>The stored host records of one method and path.</summary>
    public IReadOnlyList<StoredRecord> HostRecords(string method, string path)
    {
        var records = new List<StoredRecord>();
        Query(
            "SELECT RecordId, Timestamp, Method, Path, Status, DurationMs, UserId, Ip, Module, TraceId FROM LogRecords WHERE Source = 'host' AND Method = $method AND Path = $path",
            reader => records.Add(new StoredRecord(
                reader.GetString(0),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)),
                reader.GetString(2),
                reader.GetString(3),
                reader.GetInt32(4),
                reader.GetDouble(5),
                reader.IsDBNull(6) ? null : reader.GetString(6),
                reader.IsDBNull(7) ? null : reader.GetString(7),
                reader.GetString(8),
                reader.IsDBNull(9) ? null : reader.GetString(9))),
            ("$method", method),
            ("$path", path));
        return records;
    }

    // ---- The spool, read directly ----

    /// <summary>The spool's files of records (not checkpoints, not the rejected folder).</summary>
    public IReadOnlyList<string> SpoolFiles() =>
        Directory.Exists(SpoolPath) ? [.. Directory.EnumerateFiles(SpoolPath, "*.jsonl").Order(StringComparer.Ordinal)] : [];

    public IReadOnlyList<string> RejectedFiles()
    {
        var rejected = Path.Combine(SpoolPath, "rejected");
        return Directory.Exists(rejected) ? [.. Directory.EnumerateFiles(rejected)] : [];
    }

    /// <summary>Paths of the records waiting in the spool (past each file's checkpoint), oldest first.</summary>
    public IReadOnlyList<string> SpooledPaths()
    {
        var paths = new List<string>();
        foreach (var file in SpoolFiles())
        {
            var checkpoint = Path.ChangeExtension(file, ".pos");
            var delivered = File.Exists(checkpoint) ? int.Parse(File.ReadAllText(checkpoint), CultureInfo.InvariantCulture) : 0;
            // Only whole lines: the shipper may be appending to this file while it is read.
            var text = ReadShared(file);
            foreach (var line in text[..(text.LastIndexOf('\n') + 1)].Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(delivered))
            {
                paths.Add(JsonDocument.Parse(line).RootElement.GetProperty("path").GetString()!);
            }
        }

        return paths;
    }

    /// <summary>Writes a spool file as the Host would have left it (before the Host starts).</summary>
    public void SeedSpool(long segment, IEnumerable<object> entries, int? delivered = null, string? tornTail = null)
    {
        Directory.CreateDirectory(SpoolPath);
        var name = Path.Combine(SpoolPath, segment.ToString("D12", CultureInfo.InvariantCulture));
        var lines = string.Concat(entries.Select(e => JsonSerializer.Serialize(e, Web) + "\n"));
        File.WriteAllText(name + ".jsonl", lines + tornTail);
        if (delivered is not null)
        {
            File.WriteAllText(name + ".pos", delivered.Value.ToString(CultureInfo.InvariantCulture));
        }
    }

    /// <summary>An entry as the shipper writes it to the spool (the <c>RequestLogEntry</c> contract in web JSON).</summary>
    public static object Entry(string path, int status = 200, string method = "GET", string? module = "Host") => new
    {
        id = Guid.NewGuid().ToString("N"),
        timestamp = DateTimeOffset.UtcNow,
        method,
        path,
        status,
        durationMs = 1.5,
        userId = (string?)null,
        ip = "127.0.0.1",
        module,
        traceId = "0af7651916cd43dd8448eb211c80319c",
    };

    // ---- Waiting ----

    /// <summary>Polls until <paramref name="reached"/> holds, failing with <paramref name="what"/> and the last state seen.</summary>
    public static async Task Eventually(Func<bool> reached, string what, Func<string>? state = null)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!reached())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Not reached within {Patience.TotalSeconds} s: {what}. {state?.Invoke()}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Waits until the spool is empty and every counted request has its record, then lets stragglers land.</summary>
    public async Task AllShipped()
    {
        await Eventually(
            () => SpoolFiles().Count == 0 && HostRecordCount() >= Sent,
            "every request sent has a record in the Logging module and the spool is empty",
            Describe);
    }

    public string Describe() =>
        $"Sent {Sent} requests; the Logging module holds {HostRecordCount()} host records; spool files: [{string.Join(", ", SpoolFiles().Select(Path.GetFileName))}]; rejected: {RejectedFiles().Count}; fault {Fault.Mode}, {Fault.Calls} contract calls, {Fault.Hanging} hanging.";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddLoggingFault(Fault));
    }

    public override async ValueTask DisposeAsync()
    {
        // Hung calls are released so nothing outlives the Host.
        Fault.Pass();
        clients.ForEach(c => c.Dispose());
        await base.DisposeAsync();
        if (ownedDataDirectory is not null)
        {
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(ownedDataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // Cleaned with the temp directory eventually.
            }
        }
    }

    private readonly List<HttpClient> clients = [];

    private static string ReadShared(string file)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(DataDirectory, "logging.db"),
            Mode = SqliteOpenMode.ReadWrite,
            Pooling = false,
        }.ToString());
        connection.Open();
        return connection;
    }

    private long Scalar(string sql, params (string Name, object? Value)[] parameters)
    {
        long result = 0;
        Query(sql, reader => result = reader.GetInt64(0), parameters);
        return result;
    }

    private void Query(string sql, Action<SqliteDataReader> read, params (string Name, object? Value)[] parameters)
    {
        _ = Address;
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            read(reader);
        }
    }

    private sealed class Counting(ShippingHost host, HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref host.sent);
            return base.SendAsync(request, cancellationToken);
        }
    }
}

/// <summary>A row of the Logging module's LogRecords table.</summary>
public sealed record StoredRecord(
    string Id, DateTimeOffset Timestamp, string Method, string Path, int Status, double DurationMs, string? UserId, string? Ip, string Module, string? TraceId);

/// <summary>Small helpers for the shipping tests' requests.</summary>
internal static class ShippingRequests
{
    public static Task<HttpResponseMessage> PostTweet(this HttpClient client, string text) =>
        client.PostAsJsonAsync("/api/tweets", new { text });

    public static async Task<HttpStatusCode> StatusOf(Task<HttpResponseMessage> sending)
    {
        using var response = await sending;
        return response.StatusCode;
    }
}
