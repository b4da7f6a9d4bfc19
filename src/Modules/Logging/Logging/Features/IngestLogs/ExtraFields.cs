using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Logging.Features.IngestLogs;

/// <summary>The fields a record keeps beyond its columns, written as one JSON object in the order they came.</summary>
internal static class ExtraFields
{
    /// <summary>The fields as a JSON object, or null when there are none.</summary>
    public static string? ToJson(IReadOnlyCollection<KeyValuePair<string, JsonElement>> fields)
    {
        if (fields.Count == 0)
        {
            return null;
        }

        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in fields)
            {
                writer.WritePropertyName(name);
                value.WriteTo(writer);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
