using System.Buffers.Binary;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Host.IntegrationTests.Security;

/// <summary>Security headers, data file permissions and password hashing, on a real Host.</summary>
public sealed class HardeningTests(HostFactory host) : IClassFixture<HostFactory>
{
    private const int CurrentIterations = 210_000;

    [Theory]
    [InlineData("/api/users?page=1")]
    [InlineData("/api/users/nobody_here")]
    [InlineData("/api/users/me")]
    public async Task API_answers_and_problems_carry_nosniff_frame_ancestors_and_a_referrer_policy(string path)
    {
        using var response = await host.CreateApiClient().GetAsync(path);

        response.Headers.GetValues("X-Content-Type-Options").Should().Equal("nosniff");
        response.Headers.GetValues("Content-Security-Policy").Single().Should().Contain("frame-ancestors 'none'");
        response.Headers.GetValues("Referrer-Policy").Should().Equal("no-referrer");
    }

    [Fact]
    public async Task The_web_UI_keeps_its_own_full_content_security_policy()
    {
        using var response = await host.CreateApiClient().GetAsync("/");

        response.Content.Headers.Contains("Content-Security-Policy").Should().BeFalse();
        response.Headers.GetValues("Content-Security-Policy").Single().Should().Contain("script-src 'self'").And.Contain("frame-ancestors 'none'");
    }

    [Fact]
    public async Task The_data_directory_and_the_database_files_are_for_the_service_user_alone()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using var ready = await host.CreateApiClient().GetAsync("/health/ready");
        ready.StatusCode.Should().Be(HttpStatusCode.OK);

        File.GetUnixFileMode(host.DataPath).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        foreach (var database in Directory.EnumerateFiles(host.DataPath, "*.db"))
        {
            File.GetUnixFileMode(database).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite, database);
        }
    }

    [Fact]
    public async Task New_passwords_are_hashed_with_PBKDF2_at_the_current_work_factor()
    {
        var id = await host.CreateApiClient().SignUpNew();

        Iterations(await StoredHash(id)).Should().Be(CurrentIterations);
    }

    [Fact]
    public async Task A_hash_at_an_older_work_factor_is_replaced_at_the_next_log_in()
    {
        var client = host.CreateApiClient();
        var id = await client.SignUpNew();
        var old = new PasswordHasher<object>(Options.Create(new PasswordHasherOptions { IterationCount = 100_000 }))
            .HashPassword(new object(), Api.DefaultPassword);
        await Execute("UPDATE Users SET PasswordHash = $hash WHERE NormalizedId = $id", ("$hash", old), ("$id", id.ToUpperInvariant()));
        Iterations(await StoredHash(id)).Should().Be(100_000);

        (await client.TokenFor(id)).Should().NotBeNullOrEmpty();

        Iterations(await StoredHash(id)).Should().Be(CurrentIterations);
        (await client.TokenFor(id)).Should().NotBeNullOrEmpty("the new hash is of the same password");
    }

    /// <summary>ASP.NET Core Identity's V3 format: 0x01, PRF, iteration count, salt length, all big-endian.</summary>
    private static int Iterations(string hash) => (int)BinaryPrimitives.ReadUInt32BigEndian(Convert.FromBase64String(hash).AsSpan(5, 4));

    private async Task<string> StoredHash(string id)
    {
        await using var connection = Open();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT PasswordHash FROM Users WHERE NormalizedId = $id";
        command.Parameters.AddWithValue("$id", id.ToUpperInvariant());
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private async Task Execute(string sql, params (string Name, string Value)[] parameters)
    {
        await using var connection = Open();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        (await command.ExecuteNonQueryAsync()).Should().Be(1);
    }

    private SqliteConnection Open() =>
        new(new SqliteConnectionStringBuilder { DataSource = Path.Combine(host.DataPath, "users.db"), Pooling = false }.ToString());
}
