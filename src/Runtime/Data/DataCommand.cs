using Microsoft.Extensions.DependencyInjection;
using ModuleKit.Events;

namespace ModuleRuntime.Data;

/// <summary>
/// The data commands a host runs instead of serving (<c>dotnet run --project src/Host -- &lt;command&gt;</c>):
/// <list type="bullet">
/// <item><c>provision-postgres --admin "&lt;superuser connection&gt;" [--prefix &lt;p&gt;] [--modules Users,Tweets]</c>: a
/// database and login role per module (docs/adr/0034), printing each module's settings.</item>
/// <item><c>copy-module-data --module &lt;Name&gt; --to "&lt;connection&gt;" [--replace]</c>: the module's SQLite data into
/// its PostgreSQL database, verified table by table (docs/adr/0033).</item>
/// </list>
/// Exit code 0 when done, 1 when a copy did not verify, 2 when the command was refused or misspelt.
/// </summary>
public sealed class DataCommand
{
    public const string Provision = "provision-postgres";
    public const string Copy = "copy-module-data";

    private readonly string verb;
    private readonly Dictionary<string, string?> options;

    private DataCommand(string verb, Dictionary<string, string?> options)
    {
        this.verb = verb;
        this.options = options;
    }

    /// <summary>The command the arguments name, or null when they name none (the host then serves as usual).</summary>
    public static DataCommand? Parse(string[] args)
    {
        if (args is not [var verb, .. var rest] || verb is not (Provision or Copy))
        {
            return null;
        }

        var options = new Dictionary<string, string?>(StringComparer.Ordinal);
        for (var i = 0; i < rest.Length; i++)
        {
            var name = rest[i];
            var takesValue = name != "--replace" && i + 1 < rest.Length && !rest[i + 1].StartsWith("--", StringComparison.Ordinal);
            options[name] = takesValue ? rest[++i] : null;
        }

        return new DataCommand(verb, options);
    }

    public async Task<int> RunAsync(IServiceProvider services, TextWriter output, CancellationToken cancellationToken)
    {
        try
        {
            return verb == Provision
                ? await ProvisionAsync(services, output, cancellationToken)
                : await CopyAsync(services, output, cancellationToken);
        }
        catch (ArgumentException e)
        {
            await output.WriteLineAsync($"{verb}: {e.Message}");
            return 2;
        }
    }

    private async Task<int> ProvisionAsync(IServiceProvider services, TextWriter output, CancellationToken cancellationToken)
    {
        var admin = Required("--admin");
        var modules = options.GetValueOrDefault("--modules")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            ?? [.. services.GetServices<ModuleStore>().Select(s => s.Module)];
        var provisioned = await PostgresProvisioning.ProvisionAsync(admin, modules, options.GetValueOrDefault("--prefix") ?? string.Empty, cancellationToken);
        foreach (var module in provisioned)
        {
            await output.WriteLineAsync(module.RoleCreated
                ? $"{module.Module}: database {module.Database}, role {module.Role} (new; keep this password, it is not shown again)"
                : $"{module.Module}: database {module.Database}, role {module.Role} (existed; its password is unchanged and not shown)");
            await output.WriteLineAsync($"  Modules__{module.Module}__Database__Provider=Postgres");
            await output.WriteLineAsync($"  Modules__{module.Module}__Database__ConnectionString='{module.ConnectionString}'");
        }

        return 0;
    }

    private async Task<int> CopyAsync(IServiceProvider services, TextWriter output, CancellationToken cancellationToken)
    {
        var report = await ModuleDataCopy.CopyAsync(services, Required("--module"), Required("--to"), options.ContainsKey("--replace"), cancellationToken);
        if (report.Refusal is not null)
        {
            await output.WriteLineAsync($"{Copy} {report.Module}: refused. {report.Refusal}");
            return 2;
        }

        await output.WriteLineAsync($"{Copy} {report.Module}: SQLite -> PostgreSQL");
        await output.WriteLineAsync($"  {"table",-20} {"rows (SQLite)",14} {"rows (PostgreSQL)",18}  checksum");
        foreach (var table in report.Tables)
        {
            var checksum = table.Matches ? $"{table.SourceChecksum[..16]} (equal)" : $"{table.SourceChecksum[..16]} <> {table.TargetChecksum[..16]}";
            await output.WriteLineAsync($"  {table.Table,-20} {table.SourceRows,14} {table.TargetRows,18}  {checksum}");
        }

        await output.WriteLineAsync(report.Committed
            ? $"Verified and committed: {report.Tables.Sum(t => t.TargetRows)} rows. The SQLite file is unchanged; switch back to it to roll back."
            : "Verification FAILED: the PostgreSQL transaction was rolled back and the target holds none of this copy. The SQLite file is unchanged.");
        return report.Committed ? 0 : 1;
    }

    private string Required(string option) =>
        options.TryGetValue(option, out var value) && !string.IsNullOrWhiteSpace(value)
            ? value
            : throw new ArgumentException($"{option} is required. Usage: {Provision} --admin \"<connection>\" [--prefix <p>] [--modules A,B] | {Copy} --module <Name> --to \"<connection>\" [--replace]");
}
