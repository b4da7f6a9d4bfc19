using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace ModuleKit.Paging;

/// <summary>
/// An opaque position in a list ordered newest first by an ever-growing key: the page after a cursor holds the
/// items whose key is below it, so items added meanwhile never shift or repeat what a client has already seen.
/// </summary>
public static class Cursor
{
    private const string Prefix = "k:";

    /// <summary>The cursor that continues after the item with this key.</summary>
    public static string After(long key) =>
        Base64Url.EncodeToString(Encoding.ASCII.GetBytes(Prefix + key.ToString(CultureInfo.InvariantCulture)));

    /// <summary>The key a page query starts below: everything, when it has no cursor.</summary>
    public static long StartsBelow(this ICursorPageQuery query) =>
        TryRead(query.Cursor, out var key) ? key : long.MaxValue;

    /// <summary>Reads a cursor this class made; false for anything else (a client typo, a forged value).</summary>
    public static bool TryRead(string? cursor, out long key)
    {
        key = 0;
        if (string.IsNullOrEmpty(cursor) || cursor.Length > 64 || !Base64Url.IsValid(cursor))
        {
            return false;
        }

        var text = Encoding.ASCII.GetString(Base64Url.DecodeFromChars(cursor));
        return text.StartsWith(Prefix, StringComparison.Ordinal)
            && long.TryParse(text.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out key)
            && key > 0;
    }

    /// <summary>
    /// Cuts a newest-first query result fetched with one row more than <paramref name="size"/> into a page:
    /// the extra row only tells that another page exists.
    /// </summary>
    public static CursorPage<T> Page<T>(IReadOnlyList<T> fetched, int size, Func<T, long> key)
    {
        if (fetched.Count <= size)
        {
            return new(fetched, null);
        }

        var items = fetched.Take(size).ToList();
        return new(items, After(key(items[^1])));
    }

    public const string InvalidMessage = "This cursor is not one the API gave out. Use the nextCursor of a previous page, or leave it out for the first page.";
}

/// <summary>One page of a newest-first list; <see cref="NextCursor"/> is null on the last page.</summary>
public sealed record CursorPage<T>(IReadOnlyList<T> Items, string? NextCursor)
{
    public CursorPage<TResult> Select<TResult>(Func<T, TResult> map) => new([.. Items.Select(map)], NextCursor);
}
