using Logging.Application;

namespace Logging.Features.GetStats;

internal sealed class GetStatsValidator : AbstractValidator<GetStatsQuery>
{
    public GetStatsValidator(TimeProvider clock)
    {
        RuleFor(q => q.By).Must(by => by is null || Grouping.Named(by) is not null)
            .WithMessage($"must be one of {Grouping.Names}");
        RuleFor(q => q.Limit).GreaterThanOrEqualTo(1).When(q => q.Limit is not null).WithMessage("must be at least 1");
        RuleFor(q => q).Custom((query, context) => AnalysisWindow.Validate(query, context, clock.GetUtcNow()));
    }
}
