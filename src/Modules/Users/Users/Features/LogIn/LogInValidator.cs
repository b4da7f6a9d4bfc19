using Users.Domain;

namespace Users.Features.LogIn;

internal sealed class LogInValidator : AbstractValidator<LogInCommand>
{
    public LogInValidator()
    {
        // No id or password this long can exist, so refuse it before spending a password check on it.
        RuleFor(c => c.Id).NotEmpty().WithMessage("Enter your id.")
            .MaximumLength(UserRules.LogInIdMaxLength).WithMessage("This is not a valid id.");
        RuleFor(c => c.Password).NotEmpty().WithMessage("Enter your password.")
            .MaximumLength(UserRules.PasswordMaxRawLength).WithMessage("This is not a valid password.");
    }
}
