using ModuleKit.Settings;

namespace Users;

internal sealed class UsersOptionsValidator : AbstractValidator<UsersOptions>
{
    public UsersOptionsValidator()
    {
        RuleFor(o => o.Lockout.MaxFailedAttempts).GreaterThanOrEqualTo(1).WithMessage("must be at least 1.");
        RuleFor(o => o.Lockout.Duration).GreaterThan(TimeSpan.Zero).WithMessage("must be a positive duration such as 00:05:00.");
        RuleFor(o => o.Lockout.AccountMaxFailedAttempts).GreaterThanOrEqualTo(1).WithMessage("must be at least 1.");
        RuleFor(o => o.Lockout.AccountDuration).GreaterThan(TimeSpan.Zero).WithMessage("must be a positive duration such as 00:15:00.");
        RuleFor(o => o.Sessions.RefreshTokenLifetime).GreaterThan(TimeSpan.Zero).WithMessage("must be a positive duration such as 14.00:00:00.");
        // OWASP's floor for PBKDF2-HMAC-SHA512 is 210,000; 100,000 (the framework's own default) is the least accepted.
        RuleFor(o => o.Passwords.Iterations).GreaterThanOrEqualTo(100_000).WithMessage("must be at least 100000.");
        RuleFor(o => o.Paging).SetValidator(new PageSizeRules());
    }
}
