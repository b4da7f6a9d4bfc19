using ModuleKit.Settings;

namespace Users;

internal sealed class UsersOptionsValidator : AbstractValidator<UsersOptions>
{
    public UsersOptionsValidator()
    {
        RuleFor(o => o.Lockout.MaxFailedAttempts).GreaterThanOrEqualTo(1).WithMessage("must be at least 1.");
        RuleFor(o => o.Lockout.Duration).GreaterThan(TimeSpan.Zero).WithMessage("must be a positive duration such as 00:05:00.");
        RuleFor(o => o.Paging).SetValidator(new PageSizeRules());
    }
}
