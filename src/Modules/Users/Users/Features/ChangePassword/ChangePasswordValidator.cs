using ModuleKit.Mediation;
using Users.Domain;

namespace Users.Features.ChangePassword;

internal sealed class ChangePasswordValidator : AbstractValidator<ChangePasswordCommand>
{
    public ChangePasswordValidator()
    {
        RuleFor(c => c.CurrentPassword).NotEmpty().WithMessage("Enter your current password.")
            .MaximumLength(UserRules.PasswordMaxRawLength).WithMessage("This is not a valid password.");
        RuleFor(c => c.NewPassword).HasNoProblem((command, password) => UserRules.PasswordProblem(password, command.UserId));
    }
}
