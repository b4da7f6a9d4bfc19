using System.Globalization;
using System.Text.Json;
using Logging.Contracts;

namespace Monolith.Host.RequestLogs;

/// <summary>
/// Request records waiting on disk for the Logging module, oldest first: numbered files of JSON lines, each with a
/// checkpoint of how many of its lines were delivered. Files are appended to and flushed on every write, so records
/// survive a restart of the Host; a fully delivered file is deleted.
/// </summary>
internal sealed partial class LogSpool
{
    private const string Extension = ".jsonl";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly Lock gate = new();
    private readonly string directory;
    private readonly int segmentSize;
    private readonly ILogger<LogSpool> logger;
    // Lines per file, kept as files are written, so acknowledging never re-reads a file to learn its length.
    private readonly Dictionary<long, int> lineCounts = [];
    private long writeSegment;
    private long pending;

    public LogSpool(string directory, int segmentSize, ILogger<LogSpool> logger)
    {
        this.directory = directory;
        this.segmentSize = segmentSize;
        this.logger = logger;
        Directory.CreateDirectory(directory);
        foreach (var segment in Segments())
        {
            var lines = CountLines(segment, out var endsCleanly);
            lineCounts[segment] = lines;
            pending += Math.Max(0, lines - ReadCheckpoint(segment));
            // A file cut short mid-line by a crash is never appended to again, so the torn line stays alone.
            writeSegment = endsCleanly ? segment : 0;
        }
    }

    /// <summary>Records written and not yet delivered.</summary>
    public long Pending => Interlocked.Read(ref pending);

    public void Append(IReadOnlyList<RequestLogEntry> entries)
    {
        lock (gate)
        {
            // Recreated if it was removed while the Host runs.
            Directory.CreateDirectory(directory);
            var written = 0;
            while (written < entries.Count)
            {
                if (writeSegment == 0 || lineCounts[writeSegment] >= segmentSize)
                {
                    writeSegment = Segments().DefaultIfEmpty(0).Max() + 1;
                    lineCounts[writeSegment] = 0;
                }

                var take = Math.Min(segmentSize - lineCounts[writeSegment], entries.Count - written);
                using (var stream = new FileStream(PathOf(writeSegment), FileMode.Append, FileAccess.Write, FileShare.Read))
                using (var writer = new StreamWriter(stream))
                {
                    for (var i = written; i < written + take; i++)
                    {
                        writer.Write(JsonSerializer.Serialize(entries[i], Json));
                        writer.Write('\n');
                    }
                }

                lineCounts[writeSegment] += take;
                written += take;
            }

            Interlocked.Add(ref pending, entries.Count);
        }
    }

    /// <summary>The oldest undelivered records, at most <paramref name="max"/>, all from one file; null when none wait.</summary>
    public SpoolBatch? Peek(int max)
    {
        lock (gate)
        {
            foreach (var segment in Segments())
            {
                var offset = ReadCheckpoint(segment);
                var taken = File.ReadLines(PathOf(segment)).Skip(offset).Take(max).ToList();
                if (taken.Count == 0)
                {
                    Finish(segment);
                    continue;
                }

                return new SpoolBatch(segment, offset, taken.Count, [.. taken.Select(Parse).OfType<RequestLogEntry>()]);
            }

            // The files are the truth: if they were removed by hand, nothing waits any more.
            Interlocked.Exchange(ref pending, 0);
            lineCounts.Clear();
            writeSegment = 0;
            return null;
        }
    }

    /// <summary>Marks a batch from <see cref="Peek"/> as delivered.</summary>
    public void Acknowledge(SpoolBatch batch)
    {
        lock (gate)
        {
            var consumed = batch.Offset + batch.LineCount;
            // The count as it is now, not at Peek: records that spilled in meanwhile may have been added to this file.
            if (consumed >= lineCounts.GetValueOrDefault(batch.Segment))
            {
                Finish(batch.Segment);
            }
            else
            {
                var checkpoint = CheckpointOf(batch.Segment);
                File.WriteAllText(checkpoint + ".tmp", consumed.ToString(CultureInfo.InvariantCulture));
                File.Move(checkpoint + ".tmp", checkpoint, overwrite: true);
            }

            Interlocked.Add(ref pending, -batch.LineCount);
        }
    }

    /// <summary>
    /// Keeps records the Logging module refuses for good in <c>rejected/</c>, where they cannot block the records
    /// behind them and a person can still read them.
    /// </summary>
    public void SetAside(IReadOnlyList<RequestLogEntry> entries, string reason)
    {
        if (entries.Count == 0)
        {
            return;
        }

        var rejected = Path.Combine(directory, "rejected");
        Directory.CreateDirectory(rejected);
        var file = Path.Combine(rejected, $"{DateTime.UtcNow:yyyyMMddTHHmmssfff}-{Guid.NewGuid():N}{Extension}");
        File.WriteAllLines(file, entries.Select(e => JsonSerializer.Serialize(e, Json)));
        LogRejected(logger, entries.Count, file, reason);
    }

    private void Finish(long segment)
    {
        File.Delete(PathOf(segment));
        File.Delete(CheckpointOf(segment));
        lineCounts.Remove(segment);
        if (segment == writeSegment)
        {
            writeSegment = 0;
        }
    }

    private RequestLogEntry? Parse(string line)
    {
        try
        {
            return JsonSerializer.Deserialize<RequestLogEntry>(line, Json);
        }
        catch (JsonException e)
        {
            LogUnreadable(logger, e.Message);
            return null;
        }
    }

    private IEnumerable<long> Segments() =>
        !Directory.Exists(directory) ? [] : Directory.EnumerateFiles(directory, "*" + Extension)
            .Select(f => long.TryParse(Path.GetFileNameWithoutExtension(f), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0)
            .Where(n => n > 0)
            .Order();

    private int ReadCheckpoint(long segment)
    {
        var checkpoint = CheckpointOf(segment);
        return File.Exists(checkpoint) && int.TryParse(File.ReadAllText(checkpoint), CultureInfo.InvariantCulture, out var n) ? n : 0;
    }

    private int CountLines(long segment, out bool endsCleanly)
    {
        var text = File.ReadAllText(PathOf(segment));
        endsCleanly = text.Length == 0 || text[^1] == '\n';
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
    }

    private string PathOf(long segment) => Path.Combine(directory, segment.ToString("D12", CultureInfo.InvariantCulture) + Extension);

    private string CheckpointOf(long segment) => Path.Combine(directory, segment.ToString("D12", CultureInfo.InvariantCulture) + ".pos");

    [LoggerMessage(Level = LogLevel.Error, Message = "The Logging module refused {Count} request records for good; they are kept in {File}: {Reason}")]
    private static partial void LogRejected(ILogger logger, int count, string file, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped an unreadable line in the request-log spool (a write cut short by a crash): {Error}")]
    private static partial void LogUnreadable(ILogger logger, string error);
}

/// <summary>Records read from one spool file: <see cref="LineCount"/> lines from <see cref="Offset"/>.</summary>
internal sealed record SpoolBatch(long Segment, int Offset, int LineCount, IReadOnlyList<RequestLogEntry> Entries);
