using System.Text.Json;
using ModuleKit;
using ModuleKit.Events;

namespace ModuleRuntime.Events;

/// <summary>An integration event as it travels between processes: its id (for the inbox), source module, type name and body.</summary>
public sealed record EventEnvelope(Guid Id, string Source, string Type, JsonElement Payload, DateTimeOffset OccurredAt, string? TraceParent)
{
    internal static EventEnvelope From(string source, OutboxMessage message) =>
        new(message.EventId, source, message.Type, JsonSerializer.Deserialize<JsonElement>(message.Payload), message.OccurredAt, message.TraceParent);
}
