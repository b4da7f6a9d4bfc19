using Microsoft.Data.Sqlite;

// The least an endpoint can do to answer GET /api/users/{id} from the Users module's database: Kestrel, one
// minimal-API route, a pooled SQLite connection and one query, no MediatR, validation, EF Core, auth or logging.
// Also /echo, the loopback round-trip floor: the request body straight back.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var database = builder.Configuration["Database"]
    ?? throw new InvalidOperationException("Pass --Database=<path to users.db>.");
var connectionString = new SqliteConnectionStringBuilder { DataSource = database, Mode = SqliteOpenMode.ReadOnly, Pooling = true }.ToString();

var app = builder.Build();

app.MapGet("/api/users/{id}", async (string id) =>
{
    await using var connection = new SqliteConnection(connectionString);
    await connection.OpenAsync();
    await using var command = connection.CreateCommand();
    command.CommandText = "SELECT Id, DisplayName, CreatedAt FROM Users WHERE NormalizedId = $id";
    command.Parameters.AddWithValue("$id", id.ToUpperInvariant());
    await using var reader = await command.ExecuteReaderAsync();
    return await reader.ReadAsync()
        ? Results.Json(new Profile(reader.GetString(0), reader.GetString(1), reader.GetString(2)))
        : Results.NotFound();
});

app.MapPost("/echo", async (HttpRequest request, HttpResponse response) =>
{
    response.ContentType = "application/json";
    await request.Body.CopyToAsync(response.Body);
});

app.MapGet("/health/ready", () => "Healthy");

await app.RunAsync();

internal sealed record Profile(string Id, string DisplayName, string CreatedAt);
