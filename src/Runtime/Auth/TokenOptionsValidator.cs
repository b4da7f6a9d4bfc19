using FluentValidation;
using ModuleKit.Auth;
using ModuleRuntime.Remoting;

namespace ModuleRuntime.Auth;

internal sealed class TokenOptionsValidator : AbstractValidator<TokenOptions>
{
    public TokenOptionsValidator()
    {
        RuleFor(o => o.Issuer).NotEmpty().WithMessage("must not be empty.")
            .Must(issuer => ServiceTokens.ModuleOf(issuer) is null).WithMessage("must not look like a module's issuer (module:<name>).");
        RuleFor(o => o.Audience).NotEmpty().WithMessage("must not be empty.");
        RuleFor(o => o.AccessTokenLifetime).GreaterThan(TimeSpan.Zero).WithMessage("must be a positive duration such as 01:00:00.");
        RuleFor(o => o.KeysRefreshInterval).GreaterThan(TimeSpan.Zero).WithMessage("must be a positive duration such as 00:10:00.");
        RuleFor(o => o.KeysRefreshMinimum).GreaterThanOrEqualTo(TimeSpan.Zero).WithMessage("must not be negative.");
        RuleFor(o => o.KeysUrl).Must(AbsoluteHttp).When(o => !string.IsNullOrEmpty(o.KeysUrl))
            .WithMessage("must be an absolute http(s) URL such as http://127.0.0.1:5000/.well-known/jwks.json.");
    }

    internal static bool AbsoluteHttp(string? url) => Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";
}

internal sealed class ServiceTokenOptionsValidator : AbstractValidator<ServiceTokenOptions>
{
    public ServiceTokenOptionsValidator()
    {
        RuleFor(o => o.TokenLifetime).GreaterThan(TimeSpan.FromSeconds(30)).WithMessage("must be a duration above 30 seconds such as 00:10:00.");
        RuleFor(o => o.KeysDirectory).NotEmpty().WithMessage("must not be empty.");
        RuleFor(o => o.KeysUrl).Must(TokenOptionsValidator.AbsoluteHttp).When(o => !string.IsNullOrEmpty(o.KeysUrl))
            .WithMessage("must be an absolute http(s) URL such as http://127.0.0.1:5000/.well-known/module-keys.json.");
    }
}
