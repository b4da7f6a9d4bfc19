using FluentValidation;
using Users.Domain;

namespace Users.Features.UpdateProfile;

internal sealed class UpdateProfileValidator : AbstractValidator<UpdateProfileCommand>
{
    public UpdateProfileValidator() =>
        RuleFor(c => c.DisplayName).Custom((name, context) =>
        {
            if (UserRules.DisplayNameProblem(name) is { } problem)
            {
                context.AddFailure(problem);
            }
        });
}
