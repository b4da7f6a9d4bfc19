using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;

namespace ModuleRuntime.Auth;

/// <summary>
/// At start-up, without holding it up: fetches the public keys this process validates with, so the first request
/// does not wait for them, and checks that the credential of each module hosted here is the one the front door
/// publishes for it. A process whose copy differs (a key file generated on a machine of its own instead of the
/// deployed one) would have every call and event it signs refused; it says so, naming the file or setting to fix.
/// </summary>
internal sealed partial class KeyPrefetch(UserTokenValidationKeys userKeys, ModuleCredentials credentials, ILogger<KeyPrefetch> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (credentials.Published is { } published)
        {
            published.Fetched += CheckOwnKeys;
            _ = Task.Run(() => published.Fetch(CancellationToken.None), CancellationToken.None);
        }

        if (userKeys.Published is { } users)
        {
            _ = Task.Run(() => users.Fetch(CancellationToken.None), CancellationToken.None);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void CheckOwnKeys(IReadOnlyDictionary<string, IReadOnlyList<SecurityKey>> published)
    {
        foreach (var module in credentials.Held)
        {
            var mine = credentials.SigningKeyOf(module).KeyId;
            if (published.TryGetValue(module, out var theirs) && theirs.Count > 0 && theirs.All(k => k.KeyId != mine))
            {
                LogMismatch(logger, module, mine, string.Join(", ", theirs.Select(k => k.KeyId)), credentials.Published!.Url);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The service credential of module {Module} here (key {KeyId}) is not the one {KeysUrl} publishes ({PublishedKeyIds}): "
        + "its calls and events will be refused. Give this process the same key: Auth:Services:Modules:<name>:PrivateKey, or the file service-keys/<module>.pem copied from the Host's data directory")]
    private static partial void LogMismatch(ILogger logger, string module, string keyId, string publishedKeyIds, Uri keysUrl);
}
