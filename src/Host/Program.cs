using ModuleRuntime.Hosting;
using Monolith.Host;
using Monolith.Host.FrontDoor;
using Monolith.Host.RequestLogs;
using Monolith.Host.WebUi;

var builder = WebApplication.CreateBuilder(ContentRoot.Options(args));

builder.AddFrontDoor();
builder.AddServiceDefaults(ModuleDiscovery.FindModules());
builder.Services.AddOpenApi();
builder.AddRequestLogShipping();

var app = builder.Build();

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

/// <summary>The Host's entry point, visible to integration tests.</summary>
public partial class Program;
