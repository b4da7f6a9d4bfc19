using ModuleKit.Mediation;
using Users.Domain;

namespace Users.Features.SignUp;

internal sealed class SignUpValidator : AbstractValidator<SignUpCommand>
{
    public SignUpValidator()
    {
        RuleFor(c => c.Id).Must(UserRules.IsValidId).WithMessage(UserRules.IdMessage);
        RuleFor(c => c.Password).HasNoProblem((command, password) => UserRules.PasswordProblem(password, command.Id));
        RuleFor(c => c.DisplayName).HasNoProblem(UserRules.DisplayNameProblem);
    }
}
