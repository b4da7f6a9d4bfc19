using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Users.Data;
using Users.Domain;

namespace Users.Application;

/// <summary>
/// Warns at start-up about admin ids that have no account yet: whoever signs up with such an id first becomes an
/// admin, so the account should be created before its id is listed.
/// </summary>
internal sealed partial class AdminAccountsCheck(IServiceScopeFactory scopes, IOptions<UsersOptions> options, ILogger<AdminAccountsCheck> logger)
    : IModuleInitializer
{
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        var admins = options.Value.Admins.Select(User.Normalize).Distinct().ToList();
        if (admins.Count == 0)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<UsersDbContext>();
        var existing = await db.Users.Where(u => admins.Contains(u.NormalizedId)).Select(u => u.NormalizedId).ToListAsync(cancellationToken);
        foreach (var missing in options.Value.Admins.DistinctBy(User.Normalize).Where(a => !existing.Contains(User.Normalize(a))))
        {
            LogUnclaimedAdmin(logger, missing);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Modules:Users:Admins lists '{AdminId}', which has no account yet: whoever signs up with that id becomes an admin. Create the account first, or remove the id.")]
    private static partial void LogUnclaimedAdmin(ILogger logger, string adminId);
}
