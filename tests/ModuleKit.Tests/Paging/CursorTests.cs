using ModuleKit.Paging;

namespace ModuleKit.Tests.Paging;

/// <summary>The cursors every newest-first list hands out.</summary>
public sealed class CursorTests
{
    [Theory]
    [InlineData(1L)]
    [InlineData(42L)]
    [InlineData(1_000_000_007L)]
    [InlineData(long.MaxValue)]
    public void A_cursor_reads_back_as_the_key_it_was_made_from(long key)
    {
        var cursor = Cursor.After(key);

        Cursor.TryRead(cursor, out var read).Should().BeTrue();
        read.Should().Be(key);
    }

    [Fact]
    public void A_cursor_is_URL_safe_and_short()
    {
        var cursor = Cursor.After(long.MaxValue);

        cursor.Should().MatchRegex("^[A-Za-z0-9_-]+$");
        cursor.Length.Should().BeLessThanOrEqualTo(64);
        Uri.EscapeDataString(cursor).Should().Be(cursor);
    }

    [Fact]
    public void Different_keys_give_different_cursors()
    {
        Enumerable.Range(1, 1000).Select(k => Cursor.After(k)).Should().OnlyHaveUniqueItems();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("garbage!")]
    [InlineData("k:12")]
    [InlineData("12")]
    public void Anything_else_does_not_read(string? cursor)
    {
        Cursor.TryRead(cursor, out _).Should().BeFalse();
    }

    [Fact]
    public void A_forged_cursor_for_key_0_or_below_or_with_a_wrong_prefix_does_not_read()
    {
        foreach (var text in new[] { "k:0", "k:-1", "k:+1", "x:1", "k:", "k:1 ", " k:1", "k:99999999999999999999" })
        {
            var forged = System.Buffers.Text.Base64Url.EncodeToString(System.Text.Encoding.ASCII.GetBytes(text));

            Cursor.TryRead(forged, out _).Should().BeFalse(text);
        }
    }

    [Fact]
    public void A_page_cut_from_one_row_more_than_its_size_has_a_cursor_after_its_last_item()
    {
        long[] fetched = [10, 9, 8, 7];

        var page = Cursor.Page(fetched, 3, k => k);

        page.Items.Should().Equal(10L, 9L, 8L);
        Cursor.TryRead(page.NextCursor, out var key).Should().BeTrue();
        key.Should().Be(8);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(3)]
    public void A_page_with_no_more_rows_than_its_size_is_the_last(int count)
    {
        var fetched = Enumerable.Range(1, count).Select(i => (long)i).Reverse().ToList();

        var page = Cursor.Page(fetched, 3, k => k);

        page.Items.Should().Equal(fetched);
        page.NextCursor.Should().BeNull();
    }

    [Theory]
    [InlineData(null, 20)]
    [InlineData(1, 1)]
    [InlineData(20, 20)]
    [InlineData(100, 100)]
    [InlineData(101, 100)]
    [InlineData(1000, 100)]
    [InlineData(int.MaxValue, 100)]
    public void The_page_size_defaults_to_20_and_is_capped_at_100(int? requested, int served)
    {
        new PageSize().For(requested).Should().Be(served);
    }
}
