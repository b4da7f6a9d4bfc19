using System.Buffers;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using FluentValidation.Results;
using Logging.Domain;

namespace Logging.Features.IngestLogs;

/// <summary>
/// Turns a posted body (one record or an array of them) into records, checking every item itself so an error
/// names the item and field (<c>[3].status</c>). Fields it does not know are kept, as a JSON object, in Extra.
/// The lecture's format refuses no object (<see cref="LegacyLogItem"/>); <paramref name="clientIp"/> is the ip
/// of its records that name none.
/// </summary>
internal sealed class LogRecordParser(LogFormat format, DateTimeOffset now, int maxBatchSize, string? clientIp = null)
{
    /// <summary>The most one record of the API may weigh as sent; larger ones are refused, not truncated.</summary>
    public const int MaxItemBytes = 16 * 1024;

    /// <summary>
    /// The most one record of the lecture's format may weigh: the lecture's Express service took bodies up to
    /// express.json()'s default of 100 kb, so its records may be that large. A larger one is too large (413), not invalid.
    /// </summary>
    public const int MaxLegacyItemBytes = 100 * 1024;

    public const string BodyField = "body";

    private const string NotUnicode = "holds a string that is not well-formed Unicode (invalid UTF-8, or an unpaired surrogate such as \\ud800)";

    private static readonly HashSet<string> ApiFields = new(StringComparer.OrdinalIgnoreCase)
    {
        "id", "timestamp", "method", "path", "url", "route", "status", "durationMs", "userId", "ip", "module", "traceId",
    };

    private readonly List<ValidationFailure> errors = [];

    public IReadOnlyList<ValidationFailure> Errors => errors;

    /// <summary>Why the body was refused as too large (413) rather than invalid, or null.</summary>
    public string? TooLarge { get; private set; }

    /// <summary>The records, or an empty list when <see cref="Errors"/> says why the body was refused.</summary>
    public IReadOnlyList<LogRecord> Parse(JsonElement body)
    {
        switch (body.ValueKind)
        {
            case JsonValueKind.Object:
                var single = ParseItem(body, prefix: string.Empty, itemField: BodyField);
                return single is null || errors.Count > 0 || TooLarge is not null ? [] : [single];
            case JsonValueKind.Array:
                return ParseBatch(body);
            default:
                Fail(BodyField, "must be a JSON object (one record) or an array of objects (a batch)");
                return [];
        }
    }

    private List<LogRecord> ParseBatch(JsonElement body)
    {
        var count = body.GetArrayLength();
        if (count == 0)
        {
            Fail(BodyField, "must hold at least one record");
            return [];
        }

        if (count > maxBatchSize)
        {
            Fail(Item(maxBatchSize), string.Create(CultureInfo.InvariantCulture,
                $"is one record too many: a batch may hold at most {maxBatchSize} records and this one holds {count}. Send the rest in another batch."));
            return [];
        }

        var records = new List<LogRecord>(count);
        var index = 0;
        foreach (var item in body.EnumerateArray())
        {
            var record = ParseItem(item, prefix: Item(index) + ".", itemField: Item(index));
            if (record is not null)
            {
                records.Add(record);
            }

            index++;
        }

        return errors.Count > 0 || TooLarge is not null ? [] : records;
    }

    private LogRecord? ParseItem(JsonElement item, string prefix, string itemField)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            Fail(itemField, "must be a JSON object");
            return null;
        }

        // The bytes as sent, counted and checked without decoding them: the JSON reader does not check that a string's
        // bytes are UTF-8, and an unknown field's value would otherwise be stored with U+FFFD in their place.
        var raw = JsonMarshal.GetRawUtf8Value(item);
        var size = raw.Length;
        var maxSize = format == LogFormat.Api ? MaxItemBytes : MaxLegacyItemBytes;
        if (size > maxSize)
        {
            var message = string.Create(CultureInfo.InvariantCulture, $"is {size} bytes; one record may be at most {maxSize} bytes");
            if (format == LogFormat.Api)
            {
                Fail(itemField, message);
            }
            else
            {
                TooLarge ??= $"{(itemField == BodyField ? "The record" : "Record " + itemField)} {message}.";
            }

            return null;
        }

        if (!Utf8.IsValid(raw))
        {
            Fail(itemField, NotUnicode);
            return null;
        }

        try
        {
            if (format == LogFormat.Legacy)
            {
                return LegacyLogItem.Read(item, now, clientIp);
            }

            var before = errors.Count;
            var fields = new ItemFields(this, prefix);
            fields.Read(item);
            var record = fields.ToApiRecord(now);
            return errors.Count > before ? null : record;
        }
        catch (Exception unreadable) when (unreadable is InvalidOperationException or ArgumentException)
        {
            // JSON may escape half of a surrogate pair ("\ud800"): it parses, but it is not text, so it can be neither
            // read as a string nor written back. The sender has to fix it.
            Fail(itemField, NotUnicode);
            return null;
        }
    }

    /// <summary>An ISO-8601 time between the years 2000 and 2100; without an offset it is UTC.</summary>
    public static bool TryReadTimestamp(JsonElement value, out DateTimeOffset timestamp)
    {
        timestamp = default;
        if (value.ValueKind != JsonValueKind.String || !value.TryGetDateTime(out var time))
        {
            return false;
        }

        // With an offset the exact instant is read again (going through this server's zone could shift it in a
        // daylight-saving gap); without one the time is UTC, not this server's local time.
        timestamp = time.Kind == DateTimeKind.Local && value.TryGetDateTimeOffset(out var withOffset)
            ? withOffset.ToUniversalTime()
            : new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc));
        return LogRecordRules.IsTimestamp(timestamp);
    }

    private static string Item(int index) => string.Create(CultureInfo.InvariantCulture, $"[{index}]");

    private void Fail(string field, string message) => errors.Add(new ValidationFailure(field, message));

    /// <summary>One item's properties, read by name in any casing, with the unknown ones set aside for Extra.</summary>
    private sealed class ItemFields(LogRecordParser parser, string prefix)
    {
        private readonly Dictionary<string, JsonProperty> values = new(StringComparer.OrdinalIgnoreCase);
        private readonly List<JsonProperty> extra = [];

        public void Read(JsonElement item)
        {
            foreach (var property in item.EnumerateObject())
            {
                if (!values.TryAdd(property.Name, property))
                {
                    Fail(property.Name, "appears more than once");
                }
                else if (!ApiFields.Contains(property.Name))
                {
                    extra.Add(property);
                }
            }
        }

        public LogRecord ToApiRecord(DateTimeOffset now)
        {
            var path = Text("path", LogRecordRules.PathMaxLength);
            var url = Text("url", LogRecordRules.PathMaxLength);
            if (path is null && url is null && !Has("path") && !Has("url"))
            {
                Fail("path", "is required: send the request path as path (or the URL as url)");
            }
            else if (path is not null && url is not null)
            {
                // Both given: the path is what gets analysed, the URL is kept as sent.
                extra.Add(Property("url"));
            }

            return new LogRecord
            {
                RecordId = Id(),
                Timestamp = Timestamp(now),
                Method = Method(required: true),
                Path = PathOf(path is not null ? "path" : "url", path ?? url),
                Route = Text("route", LogRecordRules.RouteMaxLength),
                Status = Status(required: true),
                DurationMs = Duration(required: true),
                UserId = Text("userId", LogRecordRules.UserIdMaxLength),
                Ip = Text("ip", LogRecordRules.IpMaxLength),
                Module = Text("module", LogRecordRules.ModuleMaxLength),
                TraceId = Text("traceId", LogRecordRules.TraceIdMaxLength),
                Source = LogSources.Api,
                Extra = ExtraFields.ToJson([.. extra.Select(p => KeyValuePair.Create(p.Name, p.Value))]),
            };
        }

        /// <summary>
        /// The path to store, checked once derived: the path of an absolute URL is percent-encoded, so 2,000
        /// characters of "é" sent become 12,000 stored.
        /// </summary>
        private string PathOf(string field, string? sent)
        {
            var path = LogRecordRules.PathOf(sent ?? string.Empty);
            if (path.Length <= LogRecordRules.PathMaxLength)
            {
                return path;
            }

            Fail(field, string.Create(CultureInfo.InvariantCulture,
                $"must have a path of at most {LogRecordRules.PathMaxLength} characters once percent-encoded (a non-ASCII character takes up to 12); this one has {path.Length}"));
            return string.Empty;
        }

        // Time-ordered when generated here, so the unique index on record ids grows at its end rather than everywhere.
        private string Id() =>
            Text("id", LogRecordRules.RecordIdMaxLength) ?? Guid.CreateVersion7().ToString("N");

        private DateTimeOffset Timestamp(DateTimeOffset now)
        {
            if (!Present("timestamp", out var value))
            {
                return now;
            }

            if (TryReadTimestamp(value, out var timestamp))
            {
                return timestamp;
            }

            Fail("timestamp", "must be an ISO-8601 time such as 2026-11-22T10:15:30.250Z, between the years 2000 and 2100");
            return now;
        }

        private string? Method(bool required)
        {
            if (!Present("method", out var value))
            {
                if (required)
                {
                    Fail("method", "is required");
                }

                return null;
            }

            if (value.ValueKind == JsonValueKind.String && value.GetString() is { } method && LogRecordRules.IsMethod(method))
            {
                return method.ToUpperInvariant();
            }

            Fail("method", $"must be an HTTP method name such as GET, at most {LogRecordRules.MethodMaxLength} letters");
            return null;
        }

        private int? Status(bool required)
        {
            if (!Present("status", out var value))
            {
                if (required)
                {
                    Fail("status", "is required");
                }

                return null;
            }

            if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var status) && LogRecordRules.IsStatus(status))
            {
                return status;
            }

            Fail("status", LogRecordRules.StatusMessage);
            return null;
        }

        private double? Duration(bool required)
        {
            if (!Present("durationMs", out var value))
            {
                if (required)
                {
                    Fail("durationMs", "is required");
                }

                return null;
            }

            if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var duration) && LogRecordRules.IsDuration(duration))
            {
                return duration;
            }

            Fail("durationMs", string.Create(CultureInfo.InvariantCulture,
                $"must be a number of milliseconds between 0 and {LogRecordRules.MaxDurationMs} (one day)"));
            return null;
        }

        private string? Text(string name, int maxLength, bool required = false)
        {
            if (!Present(name, out var value))
            {
                if (required)
                {
                    Fail(name, "is required");
                }

                return null;
            }

            if (value.ValueKind == JsonValueKind.String && value.GetString() is { } text && LogRecordRules.IsText(text, maxLength))
            {
                return text;
            }

            Fail(name, $"must be a string of 1 to {maxLength} characters without control characters");
            return null;
        }

        /// <summary>Whether the field was sent with a value; JSON null counts as not sent.</summary>
        private bool Present(string name, out JsonElement value)
        {
            value = values.TryGetValue(name, out var property) ? property.Value : default;
            return value.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Null);
        }

        private bool Has(string name) => Present(name, out _);

        private JsonProperty Property(string name) => values[name];

        private void Fail(string field, string message) => parser.Fail(prefix + field, message);
    }
}
