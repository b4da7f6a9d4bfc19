using Users.Application;
using Users.Contracts;

namespace Users.Features.LogOut;

internal sealed class LogOutHandler(Sessions sessions) : IRequestHandler<EndSession, bool>
{
    public Task<bool> Handle(EndSession request, CancellationToken cancellationToken) => sessions.End(request.RefreshToken, cancellationToken);
}

internal sealed class LogOutValidator : AbstractValidator<EndSession>
{
    public LogOutValidator() =>
        RuleFor(c => c.RefreshToken).NotEmpty().WithMessage("Send the refresh token of the session to end.")
            .MaximumLength(Sessions.MaxTokenLength).WithMessage("This is not a valid refresh token.");
}
