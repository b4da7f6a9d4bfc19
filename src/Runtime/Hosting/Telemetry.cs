using System.Diagnostics;

namespace ModuleKit;

/// <summary>The product's own trace source: event deliveries and other work not already traced by ASP.NET Core or HttpClient.</summary>
public static class Telemetry
{
    public const string SourceName = "Monolith.Modules";

    public static readonly ActivitySource Source = new(SourceName);
}
