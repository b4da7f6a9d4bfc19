using ModuleKit.Mediation;
using Users.Domain;

namespace Users.Features.UpdateProfile;

internal sealed class UpdateProfileValidator : AbstractValidator<UpdateProfileCommand>
{
    public UpdateProfileValidator() => RuleFor(c => c.DisplayName).HasNoProblem(UserRules.DisplayNameProblem);
}
