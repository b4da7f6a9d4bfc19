using FluentValidation;

namespace ModuleKit.Paging;

/// <summary>A query for one page of a newest-first list: where to continue, and how many items at most.</summary>
public interface ICursorPageQuery
{
    string? Cursor { get; }

    int? Limit { get; }
}

/// <summary>The checks every cursor-paged query shares; a query's validator <c>Include</c>s it.</summary>
public sealed class CursorPageRules<T> : AbstractValidator<T>
    where T : ICursorPageQuery
{
    public CursorPageRules()
    {
        RuleFor(q => q.Cursor).Must(c => Cursor.TryRead(c, out _)).When(q => q.Cursor is not null)
            .WithMessage(Cursor.InvalidMessage);
        RuleFor(q => q.Limit).GreaterThanOrEqualTo(1).When(q => q.Limit is not null)
            .WithMessage("The limit must be at least 1.");
    }
}
