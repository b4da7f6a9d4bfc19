using Users.Contracts;

namespace Users.Features.GetUserSummaries;

internal sealed class GetUserSummariesValidator : AbstractValidator<Contracts.GetUserSummaries>
{
    public GetUserSummariesValidator()
    {
        RuleFor(q => q.UserIds).Cascade(CascadeMode.Stop).NotNull()
            .Must(ids => ids.Count <= Contracts.GetUserSummaries.MaxIds)
            .WithMessage($"Ask for at most {Contracts.GetUserSummaries.MaxIds} ids at a time.");
    }
}
