using ModuleKit.Data;
using ModuleKit.Text;
using Users.Application;
using Users.Data;
using Users.Domain;

namespace Users.Features.SignInWithGitHub;

/// <summary>
/// Finds the account linked to a GitHub identity; otherwise links it to the signed-in account that asked,
/// or creates a new account named after the GitHub login.
/// </summary>
internal sealed class SignInWithGitHubHandler(UsersDbContext db, UserRegistration registration, TimeProvider clock)
    : IRequestHandler<SignInWithGitHubCommand, User>
{
    private const int MaxIdAttempts = 50;

    public async Task<User> Handle(SignInWithGitHubCommand request, CancellationToken cancellationToken)
    {
        var linked = await LinkedTo(request.GitHubId, cancellationToken);
        if (linked is not null)
        {
            if (request.LinkToUserId is not null && User.Normalize(request.LinkToUserId) != linked.NormalizedId)
            {
                throw new ConflictException("This GitHub account is already linked to another account.");
            }

            return linked;
        }

        if (request.LinkToUserId is not null)
        {
            return await Link(request, cancellationToken);
        }

        var user = User.WithGitHub(await FreeId(request.Login, cancellationToken), DisplayName(request), request.GitHubId, request.Login,
            clock.GetUtcNow());
        try
        {
            await registration.Register(user, cancellationToken);
            return user;
        }
        catch (ConflictException)
        {
            // A simultaneous first sign-in with the same GitHub account may have created it first: use that account.
            var winner = await LinkedTo(request.GitHubId, cancellationToken);
            if (winner is null)
            {
                throw;
            }

            return winner;
        }
    }

    private async Task<User> Link(SignInWithGitHubCommand request, CancellationToken cancellationToken)
    {
        var normalized = User.Normalize(request.LinkToUserId!);
        var user = await db.Users.SingleOrDefaultAsync(u => u.NormalizedId == normalized, cancellationToken)
            ?? throw new NotFoundException($"There is no user with the id '{request.LinkToUserId}'.");
        if (user.GitHubId is not null)
        {
            throw new ConflictException("This account is already linked to another GitHub account.");
        }

        user.LinkGitHub(request.GitHubId, request.Login);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (UniqueConstraint.IsViolation(e))
        {
            throw new ConflictException("This GitHub account is already linked to another account.");
        }

        return user;
    }

    private Task<User?> LinkedTo(long gitHubId, CancellationToken cancellationToken) =>
        db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.GitHubId == gitHubId, cancellationToken);

    private async Task<string> FreeId(string login, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxIdAttempts; attempt++)
        {
            var candidate = UserRules.IdFromGitHubLogin(login, attempt);
            var normalized = User.Normalize(candidate);
            if (!await db.Users.AnyAsync(u => u.NormalizedId == normalized, cancellationToken))
            {
                return candidate;
            }
        }

        throw new ConflictException($"No free id could be made from the GitHub login '{login}'. Sign up with an id and password instead.");
    }

    private static string DisplayName(SignInWithGitHubCommand request)
    {
        var name = request.Name is { } n && UserRules.DisplayNameProblem(n) is null ? UserText.Normalize(n) : request.Login;
        return UserRules.DisplayNameProblem(name) is null ? name : UserRules.IdFromGitHubLogin(request.Login, 0);
    }
}
