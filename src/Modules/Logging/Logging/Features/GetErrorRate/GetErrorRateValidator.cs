using Logging.Application;

namespace Logging.Features.GetErrorRate;

internal sealed class GetErrorRateValidator : AbstractValidator<GetErrorRateQuery>
{
    public GetErrorRateValidator(TimeProvider clock) =>
        RuleFor(q => q).Custom((query, context) => AnalysisWindow.Validate(query, context, clock.GetUtcNow()));
}
