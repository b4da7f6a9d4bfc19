using Microsoft.AspNetCore.Identity;
using Users.Domain;

namespace Users.Application;

/// <summary>
/// Password hashes: ASP.NET Core Identity's PBKDF2-HMAC-SHA512 format at <c>Modules:Users:Passwords:Iterations</c>.
/// A check against an account without a password (unknown id, GitHub-only) spends the same work on a hash of nobody,
/// so timing does not tell them apart from a wrong password.
/// </summary>
internal sealed class Passwords(IPasswordHasher<User> hasher)
{
    private static readonly User Nobody = User.Nobody();

    private readonly Lazy<string> nobodysHash = new(() => hasher.HashPassword(Nobody, Guid.NewGuid().ToString()));

    public string Hash(User user, string password) => hasher.HashPassword(user, password);

    /// <summary>
    /// Failed for a wrong password or no account; <see cref="PasswordVerificationResult.SuccessRehashNeeded"/> when the
    /// stored hash is older than the current work factor.
    /// </summary>
    public PasswordVerificationResult Check(User? user, string password)
    {
        if (user?.PasswordHash is not { } hash || user.RemovedAt is not null)
        {
            hasher.VerifyHashedPassword(Nobody, nobodysHash.Value, password);
            return PasswordVerificationResult.Failed;
        }

        return hasher.VerifyHashedPassword(user, hash, password);
    }
}
