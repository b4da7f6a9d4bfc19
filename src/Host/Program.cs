using Microsoft.AspNetCore.DataProtection;
using ModuleKit;
using ModuleKit.Auth;
using ModuleKit.Composition;
using ModuleKit.Http;
using ModuleKit.Logging;
using ModuleKit.Problems;
using Monolith.Host;
using Monolith.Host.RequestLogs;
using Monolith.Host.WebUi;

var builder = WebApplication.CreateBuilder(args);
var data = DataDirectory.For(builder);

builder.AddModuleLogging();
builder.Services.AddModuleProblemDetails();
builder.Services.AddRequestLimits(builder.Configuration);
builder.Services.AddTokenAuthentication(builder.Configuration, data);
builder.Services.AddDataProtection()
    .SetApplicationName("monolith")
    .PersistKeysToFileSystem(new DirectoryInfo(data.File("keys")));
builder.Services.AddOpenApi();
builder.AddModules(ModuleDiscovery.FindModules());
builder.AddRequestLogShipping();
builder.AddWebUi();

var app = builder.Build();

app.UseRequestLogShipping();
app.UseModuleRequestLogging();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseRouting();
app.UseAuthentication();
app.UseModuleLogContext();
app.UseAuthorization();

app.MapModuleHealthChecks();
app.MapWebUi();
if (app.Environment.IsDevelopment())
{
    app.MapOpenApi();
    app.UseSwaggerUI(options => options.SwaggerEndpoint("/openapi/v1.json", "Monolith API"));
}

await app.MapModulesAsync();
await app.RunAsync();

/// <summary>The Host's entry point, visible to integration tests.</summary>
public partial class Program;
