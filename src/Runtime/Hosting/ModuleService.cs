using Microsoft.AspNetCore.Builder;

using ModuleKit;
using ModuleRuntime.Discovery;

namespace ModuleRuntime.Hosting;

/// <summary>
/// An extracted service: a process that hosts exactly one module, the same assembly the Host composes, with the
/// same defaults. Work for other modules goes to the front door (<c>FrontDoor:Url</c>).
/// </summary>
public static class ModuleService
{
    public static async Task RunAsync(string[] args, IModule module)
    {
        var builder = WebApplication.CreateBuilder(ContentRoot.Options(args));
        builder.AddServiceDefaults([module]);
        // Announces the instance to the Host, so the front door finds it without an edit of the routes file.
        builder.Services.AddInstanceRegistration(builder.Configuration);
        var app = builder.Build();
        app.UseServiceDefaults();
        await app.RunStartupPhasesAsync();
        await app.RunAsync();
    }
}
