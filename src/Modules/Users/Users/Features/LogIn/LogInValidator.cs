using FluentValidation;

namespace Users.Features.LogIn;

internal sealed class LogInValidator : AbstractValidator<LogInCommand>
{
    public LogInValidator()
    {
        RuleFor(c => c.Id).NotEmpty().WithMessage("Enter your id.");
        RuleFor(c => c.Password).NotEmpty().WithMessage("Enter your password.");
    }
}
