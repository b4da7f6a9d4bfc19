namespace ModuleKit.Paging;

/// <summary>
/// Page sizes: a default when none is asked for, and a cap rather than a refusal for large requests. Checked by
/// <see cref="Settings.PageSizeRules"/>.
/// </summary>
public sealed class PageSize
{
    public int Default { get; set; } = 20;

    public int Max { get; set; } = 100;

    /// <summary>The size to serve; callers validate that a requested size is at least 1.</summary>
    public int For(int? requested) => Math.Min(requested ?? Default, Max);
}
