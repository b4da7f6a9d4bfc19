using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;
using ModuleRuntime.Routing;

namespace ModuleRuntime.Auth;

/// <summary>
/// Public keys another process publishes (user-token keys as a JWKS, module credentials as a set per module), fetched
/// over HTTP and cached. Fetched again when a token names a key id the cache does not know (a rotation), at most once
/// per <c>refreshMinimum</c> so made-up key ids cannot make every request fetch; and in the background once the cache
/// is older than <c>refreshInterval</c>, so retired keys drop out. A failed fetch keeps the keys already known.
/// </summary>
public sealed partial class PublishedKeys : IDisposable
{
    private readonly HttpClient client = new(InstanceConnections.Handler()) { Timeout = TimeSpan.FromSeconds(5) };
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly Func<string, IReadOnlyDictionary<string, IReadOnlyList<SecurityKey>>> parse;
    private readonly TimeSpan refreshInterval;
    private readonly TimeSpan refreshMinimum;
    private readonly TimeProvider clock;
    private readonly ILogger logger;
    private volatile Snapshot snapshot = new(new Dictionary<string, IReadOnlyList<SecurityKey>>(), DateTimeOffset.MinValue);
    private DateTimeOffset lastAttempt = DateTimeOffset.MinValue;

    /// <param name="parse">Reads a fetched document as keys by owner (the empty string for a plain JWKS).</param>
    public PublishedKeys(
        Uri url,
        Func<string, IReadOnlyDictionary<string, IReadOnlyList<SecurityKey>>> parse,
        TimeSpan refreshInterval,
        TimeSpan refreshMinimum,
        TimeProvider clock,
        ILogger logger)
    {
        Url = url;
        this.parse = parse;
        this.refreshInterval = refreshInterval;
        this.refreshMinimum = refreshMinimum;
        this.clock = clock;
        this.logger = logger;
    }

    public Uri Url { get; }

    /// <summary>Raised after every successful fetch with the keys now known.</summary>
    public event Action<IReadOnlyDictionary<string, IReadOnlyList<SecurityKey>>>? Fetched;

    /// <summary>The keys last fetched for <paramref name="owner"/>; none before the first fetch.</summary>
    public IReadOnlyList<SecurityKey> Keys(string owner) => snapshot.Keys.GetValueOrDefault(owner) ?? [];

    /// <summary>
    /// Makes sure the cache can answer for <paramref name="keyId"/> of <paramref name="owner"/>: fetches now when the key
    /// is unknown (or nothing was fetched yet), in the background when the cache is only old. Never throws.
    /// </summary>
    public async Task Prepare(string owner, string? keyId, CancellationToken cancellationToken)
    {
        var current = snapshot;
        var known = keyId is null ? current.Keys.ContainsKey(owner) : Keys(owner).Any(k => k.KeyId == keyId);
        if (!known)
        {
            await Fetch(cancellationToken);
        }
        else if (current.FetchedAt + refreshInterval < clock.GetUtcNow())
        {
            _ = Task.Run(() => Fetch(CancellationToken.None), CancellationToken.None);
        }
    }

    /// <summary>Fetches now unless a fetch was tried within the minimum interval; true when keys are known afterwards.</summary>
    public async Task<bool> Fetch(CancellationToken cancellationToken)
    {
        try
        {
            await gate.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return snapshot.Keys.Count > 0;
        }

        try
        {
            var now = clock.GetUtcNow();
            if (now - lastAttempt < refreshMinimum)
            {
                return snapshot.Keys.Count > 0;
            }

            lastAttempt = now;
            using var response = await client.GetAsync(Url, cancellationToken);
            response.EnsureSuccessStatusCode();
            var keys = parse(await response.Content.ReadAsStringAsync(cancellationToken));
            snapshot = new Snapshot(keys, now);
            LogFetched(logger, Url, keys.Values.Sum(k => k.Count));
            Fetched?.Invoke(keys);
            return true;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or ArgumentException or InvalidOperationException
            or System.Text.Json.JsonException or NotSupportedException)
        {
            LogFetchFailed(logger, Url, e.Message);
            return snapshot.Keys.Count > 0;
        }
        finally
        {
            gate.Release();
        }
    }

    public void Dispose()
    {
        client.Dispose();
        gate.Dispose();
    }

    /// <summary>A plain JWKS: all its keys under the empty owner.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<SecurityKey>> ParseJwks(string json) =>
        new Dictionary<string, IReadOnlyList<SecurityKey>> { [string.Empty] = ModuleKit.Auth.JsonWebKeys.Parse(json) };

    private sealed record Snapshot(IReadOnlyDictionary<string, IReadOnlyList<SecurityKey>> Keys, DateTimeOffset FetchedAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Fetched {KeyCount} public keys from {KeysUrl}")]
    private static partial void LogFetched(ILogger logger, Uri keysUrl, int keyCount);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not fetch public keys from {KeysUrl} ({Reason}); the keys already known stay in use")]
    private static partial void LogFetchFailed(ILogger logger, Uri keysUrl, string reason);
}
