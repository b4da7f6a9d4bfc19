using ModuleRuntime.Cluster;
using ModuleRuntime.Data;
using ModuleRuntime.Hosting;
using Monolith.Host;
using Monolith.Host.FrontDoor;
using Monolith.Host.RequestLogs;
using Monolith.Host.WebUi;

// A data command (provision-postgres, copy-module-data) or write-manifests composes the modules as the Host would,
// runs, and exits.
var command = DataCommand.Parse(args);
var manifests = ManifestCommand.Parse(args);
var builder = WebApplication.CreateBuilder(ContentRoot.Options(command is null && manifests is null ? args : []));

builder.AddFrontDoor();
builder.AddServiceDefaults(ModuleDiscovery.FindModules());
builder.Services.AddOpenApi();
builder.AddRequestLogShipping();

var app = builder.Build();
if (command is not null)
{
    return await command.RunAsync(app.Services, Console.Out, CancellationToken.None);
}

if (manifests is not null)
{
    return await manifests.RunAsync(app.Services, Console.Out);
}

app.UseRequestLogShipping();
app.UseServiceDefaults(beforeRouting: front => front.UseFrontDoor());

app.MapWebUi();
app.MapFrontDoor();
if (app.Environment.IsDevelopment())
{
    app.MapOpenApi();
    app.UseSwaggerUI(options => options.SwaggerEndpoint("/openapi/v1.json", "Monolith API"));
}

await app.RunStartupPhasesAsync();
await app.RunAsync();
return 0;

/// <summary>The Host's entry point, visible to integration tests.</summary>
public partial class Program;
