using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Logging.Domain;
using ModuleKit.Text;

namespace Logging.Features.IngestLogs;

/// <summary>
/// One item of <c>POST /log</c>, read the way the lecture's Express service took it: any JSON object is a record.
/// A known field whose value fits its column is stored there. One that does not (another JSON type, too long,
/// out of range) gets a text form where analysis needs one (<c>user: 123</c> is user "123") and is also kept, as
/// sent, in Extra under its own name; so nothing sent is lost and nothing in it is refused. JSON null is "not sent".
/// </summary>
internal sealed class LegacyLogItem
{
    // "req" (the lecture's request object) is not among them, nor "route" (the lecture's records have none): like
    // any other unknown field it is kept whole in Extra. Names match in any casing, so "userID" also matches "userId".
    private static readonly HashSet<string> KnownFields = new(StringComparer.OrdinalIgnoreCase)
    {
        "id", "timestamp", "method", "originalUrl", "status", "durationMs", "userID", "user", "ip", "module", "traceId",
    };

    // Text forms of objects and arrays are for people reading a log view: "é" stays "é" rather than "\u00E9".
    private static readonly JsonWriterOptions TextFormOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly Dictionary<string, JsonProperty> known = new(StringComparer.OrdinalIgnoreCase);

    // Unknown names are told apart by their exact spelling, as in JavaScript, where "Foo" and "foo" are two fields.
    private readonly OrderedDictionary<string, JsonElement> extra = new(StringComparer.Ordinal);

    private LegacyLogItem(JsonElement item)
    {
        // A name sent twice keeps its last value, as JSON.parse does.
        foreach (var property in item.EnumerateObject())
        {
            if (KnownFields.Contains(property.Name))
            {
                if (known.Remove(property.Name, out var earlier))
                {
                    extra.Remove(earlier.Name);
                }

                known[property.Name] = property;
            }
            else
            {
                extra[property.Name] = property.Value;
            }
        }
    }

    /// <summary>The record of one JSON object; <paramref name="clientIp"/> is its ip when it names none.</summary>
    public static LogRecord Read(JsonElement item, DateTimeOffset now, string? clientIp) => new LegacyLogItem(item).ToRecord(now, clientIp);

    private LogRecord ToRecord(DateTimeOffset now, string? clientIp)
    {
        var url = TextForm("originalUrl", LogRecordRules.UrlMaxLength);
        var userId = TextForm("userID", LogRecordRules.UserIdMaxLength);
        if (userId is null)
        {
            userId = TextForm("user", LogRecordRules.UserIdMaxLength);
        }
        else
        {
            // Both given: userID is the user, and user is kept as sent.
            KeepAsSent("user");
        }

        return new LogRecord
        {
            RecordId = Id(),
            Timestamp = Timestamp(now),
            Method = Method(),
            // The URL is kept whole; analysis groups by its path. No URL at all is an empty path, not "/", so it does
            // not count as a visit to the home page.
            Path = url is null ? string.Empty : UserText.Cut(LogRecordRules.PathOf(url), LogRecordRules.PathMaxLength),
            Url = url,
            Status = Status(),
            DurationMs = Duration(),
            UserId = userId,
            Ip = TextForm("ip", LogRecordRules.IpMaxLength) ?? clientIp,
            Module = TextForm("module", LogRecordRules.ModuleMaxLength),
            TraceId = TextForm("traceId", LogRecordRules.TraceIdMaxLength),
            Source = LogSources.Legacy,
            Extra = ExtraFields.ToJson(extra),
        };
    }

    private string Id()
    {
        if (Sent("id", out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { } id
            && LogRecordRules.IsText(id, LogRecordRules.RecordIdMaxLength))
        {
            return id;
        }

        KeepAsSent("id");
        return Guid.CreateVersion7().ToString("N");
    }

    private DateTimeOffset Timestamp(DateTimeOffset now)
    {
        if (Sent("timestamp", out var value) && LogRecordParser.TryReadTimestamp(value, out var timestamp))
        {
            return timestamp;
        }

        KeepAsSent("timestamp");
        return now;
    }

    private string? Method()
    {
        if (Sent("method", out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { } method
            && LogRecordRules.IsMethod(method))
        {
            return method.ToUpperInvariant();
        }

        KeepAsSent("method");
        return null;
    }

    private int? Status()
    {
        if (Sent("status", out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var status)
            && LogRecordRules.IsStatus(status))
        {
            return status;
        }

        KeepAsSent("status");
        return null;
    }

    private double? Duration()
    {
        if (Sent("durationMs", out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var duration)
            && LogRecordRules.IsDuration(duration))
        {
            return duration;
        }

        KeepAsSent("durationMs");
        return null;
    }

    /// <summary>
    /// The field as text for its column: a string as it is, a number or boolean as written, an object or array as
    /// compact JSON; control characters become U+FFFD and the text is cut to <paramref name="maxLength"/>. Unless
    /// that is exactly the string sent, the value as sent is kept in Extra as well. Null when there is no text.
    /// </summary>
    private string? TextForm(string name, int maxLength)
    {
        if (!Sent(name, out var value))
        {
            return null;
        }

        var sent = value.ValueKind == JsonValueKind.String ? value.GetString()! : Json(value);
        var text = UserText.Cut(Clean(sent), maxLength);
        var blank = string.IsNullOrWhiteSpace(text);
        if (blank || value.ValueKind != JsonValueKind.String || !string.Equals(text, sent, StringComparison.Ordinal))
        {
            KeepAsSent(name);
        }

        return blank ? null : text;
    }

    private bool Sent(string name, out JsonElement value)
    {
        value = known.TryGetValue(name, out var property) ? property.Value : default;
        return value.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Null);
    }

    private void KeepAsSent(string name)
    {
        if (Sent(name, out var value))
        {
            extra[known[name].Name] = value;
        }
    }

    private static string Json(JsonElement value)
    {
        if (value.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array))
        {
            // Numbers keep the digits sent (1.50 stays 1.50), true and false are themselves.
            return value.GetRawText();
        }

        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, TextFormOptions))
        {
            value.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static string Clean(string text) =>
        text.Any(char.IsControl) ? string.Create(text.Length, text, (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = char.IsControl(source[i]) ? '\uFFFD' : source[i];
            }
        }) : text;
}
