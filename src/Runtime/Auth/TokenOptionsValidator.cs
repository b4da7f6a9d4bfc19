using FluentValidation;
using ModuleKit.Auth;

namespace ModuleRuntime.Auth;

internal sealed class TokenOptionsValidator : AbstractValidator<TokenOptions>
{
    public TokenOptionsValidator()
    {
        RuleFor(o => o.Issuer).NotEmpty().WithMessage("must not be empty.");
        RuleFor(o => o.Audience).NotEmpty().WithMessage("must not be empty.");
        RuleFor(o => o.AccessTokenLifetime).GreaterThan(TimeSpan.Zero).WithMessage("must be a positive duration such as 01:00:00.");
    }
}
