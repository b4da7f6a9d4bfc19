using System.Security.Cryptography;
using Npgsql;

namespace ModuleRuntime.Data;

/// <summary>What provisioning left for one module: its database and role, and how to connect as that role.</summary>
/// <param name="ConnectionString">With the role's password when this run created the role; without it when the role existed.</param>
public sealed record ProvisionedModule(string Module, string Database, string Role, bool RoleCreated, string ConnectionString);

/// <summary>
/// Gives each module on a PostgreSQL server a database of its own (<c>&lt;prefix&gt;&lt;module&gt;</c>, lowercase) and a
/// login role of the same name that owns it, and takes CONNECT away from PUBLIC on it, so no other module's role can
/// even connect (docs/adr/0034). Run once with a superuser's connection (<c>provision-postgres</c>); running it again
/// creates what is missing and changes no password.
/// </summary>
public static class PostgresProvisioning
{
    public static async Task<IReadOnlyList<ProvisionedModule>> ProvisionAsync(
        string adminConnectionString, IEnumerable<string> modules, string prefix, CancellationToken cancellationToken)
    {
        var admin = new NpgsqlConnectionStringBuilder(adminConnectionString);
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        var provisioned = new List<ProvisionedModule>();
        foreach (var module in modules)
        {
            var name = Name(prefix, module);
            string? password = null;
            if (!await ExistsAsync(connection, "SELECT 1 FROM pg_roles WHERE rolname = @name", name, cancellationToken))
            {
                password = NewPassword();
                // DDL takes no parameters; the name is checked below and the password is hex, so neither needs escaping.
                await ExecuteAsync(connection, $"CREATE ROLE \"{name}\" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD '{password}'", cancellationToken);
            }

            if (!await ExistsAsync(connection, "SELECT 1 FROM pg_database WHERE datname = @name", name, cancellationToken))
            {
                await ExecuteAsync(connection, $"CREATE DATABASE \"{name}\" OWNER \"{name}\"", cancellationToken);
            }

            // Every role may connect to a new database by default (PUBLIC holds CONNECT and TEMPORARY): take that away,
            // leaving the owner and superusers. The public schema belongs to the database owner from PostgreSQL 15 on.
            await ExecuteAsync(connection, $"REVOKE ALL ON DATABASE \"{name}\" FROM PUBLIC", cancellationToken);

            var own = new NpgsqlConnectionStringBuilder(admin.ConnectionString)
            {
                Database = name,
                Username = name,
                Password = password,
            };
            provisioned.Add(new ProvisionedModule(module, name, name, password is not null, own.ConnectionString));
        }

        return provisioned;
    }

    /// <summary>The database and role name of a module: lowercase letters, digits and underscores only.</summary>
    public static string Name(string prefix, string module)
    {
        var name = (prefix + module).ToLowerInvariant();
        if (name.Length is 0 or > 63 || !name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_') || char.IsAsciiDigit(name[0]))
        {
            throw new ArgumentException($"'{name}' cannot name a database and role: use letters, digits and underscores, at most 63, not starting with a digit.");
        }

        return name;
    }

    private static string NewPassword() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));

    private static async Task<bool> ExistsAsync(NpgsqlConnection connection, string sql, string name, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("name", name);
        return await command.ExecuteScalarAsync(cancellationToken) is not null;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
#pragma warning disable CA2100 // Names pass Name()'s check; passwords are generated hex.
        await using var command = new NpgsqlCommand(sql, connection);
#pragma warning restore CA2100
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
