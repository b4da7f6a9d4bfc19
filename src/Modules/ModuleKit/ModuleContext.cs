using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace ModuleKit;

/// <summary>What a module may know about the host it is composed into.</summary>
/// <param name="Configuration">The module's own section, <c>Modules:&lt;Name&gt;</c>.</param>
/// <param name="HostConfiguration">The whole configuration, for settings every module shares (auth, data directory).</param>
/// <param name="DataDirectory">The directory that holds the module's database file and other local state.</param>
/// <param name="Environment">The host environment.</param>
public sealed record ModuleContext(
    IConfiguration Configuration,
    IConfiguration HostConfiguration,
    DataDirectory DataDirectory,
    IHostEnvironment Environment);
