using FluentValidation;
using Users.Domain;

namespace Users.Features.SignUp;

internal sealed class SignUpValidator : AbstractValidator<SignUpCommand>
{
    public SignUpValidator()
    {
        RuleFor(c => c.Id).Must(UserRules.IsValidId).WithMessage(UserRules.IdMessage);
        RuleFor(c => c.Password).Custom((password, context) =>
        {
            if (UserRules.PasswordProblem(password, context.InstanceToValidate.Id) is { } problem)
            {
                context.AddFailure(problem);
            }
        });
        RuleFor(c => c.DisplayName).Custom((name, context) =>
        {
            if (UserRules.DisplayNameProblem(name) is { } problem)
            {
                context.AddFailure(problem);
            }
        });
    }
}
