namespace Logging.Domain;

/// <summary>
/// The requests of one slot of time (a minute or an hour) that share one key of one dimension (a path, a user, …, or
/// every request of the slot): counts and a latency histogram. One row per slot and key, written only by the
/// compaction that folds <see cref="LogRollupDelta"/> rows in (docs/adr/0042).
/// </summary>
internal sealed class LogRollup
{
    public long Id { get; init; }

    /// <summary>What <see cref="Key"/> is: <see cref="RollupDimension"/>.</summary>
    public int Dimension { get; init; }

    /// <summary>The slot's length in milliseconds: <see cref="RollupSpan.Minute"/> or <see cref="RollupSpan.Hour"/>.</summary>
    public long Span { get; init; }

    /// <summary>The slot's start, Unix milliseconds, a multiple of <see cref="Span"/>.</summary>
    public long Start { get; init; }

    /// <summary>The group's key as the statistics report it (a status as its digits); null where the records have none.</summary>
    public string? Key { get; init; }

    public long Requests { get; set; }

    /// <summary>Requests answered 400–499.</summary>
    public long ClientErrors { get; set; }

    /// <summary>Requests answered 500 or above.</summary>
    public long ServerErrors { get; set; }

    /// <summary>The durations of the requests that have one: <c>Application.LatencyHistogram</c>'s stored form.</summary>
    public required byte[] Histogram { get; set; }
}

/// <summary>
/// What one stored batch added to one minute and key of one dimension: written in the transaction that stores the
/// records (inserts only, so writers never wait for each other), folded into <see cref="LogRollup"/> rows later.
/// </summary>
internal sealed class LogRollupDelta
{
    public long Id { get; init; }

    public int Dimension { get; init; }

    /// <summary>The minute's start, Unix milliseconds.</summary>
    public long Start { get; init; }

    public string? Key { get; init; }

    public long Requests { get; init; }

    public long ClientErrors { get; init; }

    public long ServerErrors { get; init; }

    public required byte[] Histogram { get; init; }
}

/// <summary>The dimensions rolled up; each grouping of the statistics reads one.</summary>
internal static class RollupDimension
{
    /// <summary>Every request of the slot (the key is null): statistics by minute and the error rate.</summary>
    public const int All = 0;
    public const int Path = 1;
    public const int Route = 2;
    public const int Module = 3;
    public const int User = 4;
    public const int Status = 5;

    public static readonly int[] Each = [All, Path, Route, Module, User, Status];

    public static string? KeyOf(int dimension, LogRecord record) => dimension switch
    {
        All => null,
        Path => record.Path,
        Route => record.Route,
        Module => record.Module,
        User => record.UserId,
        Status => record.Status?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => throw new ArgumentOutOfRangeException(nameof(dimension)),
    };
}

/// <summary>The slot lengths rolled up, in milliseconds.</summary>
internal static class RollupSpan
{
    public const long Minute = 60_000;
    public const long Hour = 3_600_000;

    public static readonly long[] Each = [Minute, Hour];
}

/// <summary>
/// How far the one-time roll-up of records stored before the roll-ups existed has come: records numbered below
/// <see cref="Below"/> are not in the roll-ups yet; 0 when none is left (one row, <see cref="Id"/> 1).
/// </summary>
internal sealed class RollupBackfill
{
    public int Id { get; init; }

    public long Below { get; set; }
}
