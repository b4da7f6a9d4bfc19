using Users.Application;
using Users.Contracts;

namespace Users.Features.RefreshSession;

/// <summary>Serves the public refresh endpoint and the contract the Host's web UI session uses.</summary>
internal sealed class RefreshSessionHandler(Sessions sessions) : IRequestHandler<Contracts.RefreshSession, IssuedSession>
{
    public Task<IssuedSession> Handle(Contracts.RefreshSession request, CancellationToken cancellationToken) =>
        sessions.Refresh(request.RefreshToken, cancellationToken);
}

internal sealed class RefreshSessionValidator : AbstractValidator<Contracts.RefreshSession>
{
    public RefreshSessionValidator() =>
        RuleFor(c => c.RefreshToken).NotEmpty().WithMessage("Send the refresh token from the log-in answer.")
            .MaximumLength(Sessions.MaxTokenLength).WithMessage("This is not a valid refresh token.");
}
