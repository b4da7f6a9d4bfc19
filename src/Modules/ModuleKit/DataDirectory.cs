using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace ModuleKit;

/// <summary>
/// The directory that holds every module's local state (database files, generated keys).
/// Configured by <c>Data:Directory</c>; relative paths are taken from the content root; created if missing, and
/// made accessible to the service's user only (mode 700 on Unix).
/// </summary>
public sealed class DataDirectory
{
    public const string ConfigurationKey = "Data:Directory";

    public DataDirectory(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(Path);
        // Database files and keys live here: no other user of the machine may list or read them.
        OwnerOnly.Protect(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>The data directory of the process being built, resolved once and shared by everything that needs it.</summary>
    public static DataDirectory For(IHostApplicationBuilder builder)
    {
        if (builder.Properties.TryGetValue(typeof(DataDirectory), out var existing))
        {
            return (DataDirectory)existing;
        }

        var data = From(builder.Configuration, builder.Environment);
        builder.Properties[typeof(DataDirectory)] = data;
        return data;
    }

    private static DataDirectory From(IConfiguration configuration, IHostEnvironment environment)
    {
        var configured = configuration[ConfigurationKey];
        var path = string.IsNullOrWhiteSpace(configured) ? "data" : configured;
        return new DataDirectory(System.IO.Path.Combine(environment.ContentRootPath, path));
    }
}
