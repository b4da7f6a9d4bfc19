using Logging.Application;

namespace Logging.Features.GetTopPaths;

internal sealed class GetTopPathsValidator : AbstractValidator<GetTopPathsQuery>
{
    public GetTopPathsValidator(TimeProvider clock)
    {
        RuleFor(q => q.Limit).GreaterThanOrEqualTo(1).When(q => q.Limit is not null).WithMessage("must be at least 1");
        RuleFor(q => q).Custom((query, context) => AnalysisWindow.Validate(query, context, clock.GetUtcNow()));
    }
}
