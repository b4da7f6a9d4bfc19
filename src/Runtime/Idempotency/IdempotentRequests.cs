using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using ModuleKit.Data;
using ModuleKit.Events;
using ModuleRuntime.Data;
using ModuleRuntime.Http;

namespace ModuleRuntime.Idempotency;

/// <summary>
/// Runs a state-changing request that carries an <c>Idempotency-Key</c> at most once per caller and key. In one
/// transaction on the module's own database (the context instance its handlers get): look the key up, run the
/// endpoint with its answer buffered, store key and answer, commit, then send the answer. A repeat finds the key and
/// gets the same answer; a concurrent repeat waits for the first one's write lock, then finds it. An answer of 500 or
/// more, or an exception, rolls everything back, so a repeat runs again.
/// </summary>
internal sealed class IdempotentRequests(
    RequestDelegate next,
    IEnumerable<ModuleStore> stores,
    IOptionsMonitor<IdempotencyOptions> options,
    TimeProvider clock)
{
    public const string ReplayedHeader = "Idempotent-Replayed";

    private static readonly string[] RememberedHeaders = [HeaderNames.ContentType, HeaderNames.Location];

    public async Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Headers.TryGetValue(IdempotencySetup.KeyHeader, out var header)
            || IsSafe(context.Request.Method)
            || context.GetEndpoint()?.Metadata.GetMetadata<ModuleEndpoint>() is not { } endpoint
            || Database(context, endpoint.ModuleName) is not { } db)
        {
            await next(context);
            return;
        }

        var key = RequestIdentity.Key(header);
        var caller = RequestIdentity.Caller(context);
        var fingerprint = await RequestIdentity.Fingerprint(context.Request, context.RequestAborted);

        // On SQLite this takes the write lock at BEGIN, on PostgreSQL a lock on the caller and key: the lookup and the
        // store below cannot interleave with a twin.
        await using var transaction = await db.Database.BeginTransactionAsync(context.RequestAborted);
        await db.Database.SerializeOnAsync($"idempotency:{caller}\n{key}", context.RequestAborted);
        var now = clock.GetUtcNow();
        var remembered = await db.Set<RememberedRequest>().AsNoTracking()
            .FirstOrDefaultAsync(r => r.Caller == caller && r.Key == key, context.RequestAborted);
        if (remembered is not null && remembered.ExpiresAt > now.ToUnixTimeMilliseconds())
        {
            if (remembered.Fingerprint != fingerprint)
            {
                throw new IdempotencyKeyReusedException(
                    $"The {IdempotencySetup.KeyHeader} '{key}' was sent before with a different request. Use a new key for each new request.");
            }

            await transaction.RollbackAsync(context.RequestAborted);
            await Replay(context, remembered);
            return;
        }

        if (remembered is not null)
        {
            await db.Set<RememberedRequest>().Where(r => r.Caller == caller && r.Key == key).ExecuteDeleteAsync(context.RequestAborted);
        }

        var response = context.Response;
        var sent = context.Features.Get<IHttpResponseBodyFeature>()!;
        using var answer = new MemoryStream();
        context.Features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(answer));
        try
        {
            await next(context);
        }
        finally
        {
            context.Features.Set(sent);
        }

        if (response.StatusCode < StatusCodes.Status500InternalServerError)
        {
            db.Set<RememberedRequest>().Add(new RememberedRequest
            {
                Caller = caller,
                Key = key,
                Fingerprint = fingerprint,
                Status = response.StatusCode,
                Headers = JsonSerializer.Serialize(RememberedHeaders
                    .Where(h => response.Headers.ContainsKey(h))
                    .ToDictionary(h => h, h => response.Headers[h].ToString())),
                Body = answer.ToArray(),
                ExpiresAt = (now + options.CurrentValue.Retention).ToUnixTimeMilliseconds(),
            });
            // Not the request's token: the change is done, and keeping it with its answer matters more than a client gone.
            await db.SaveChangesAsync(CancellationToken.None);
            await transaction.CommitAsync(CancellationToken.None);
        }
        else
        {
            await transaction.RollbackAsync(CancellationToken.None);
        }

        await Send(response, answer.ToArray(), context.RequestAborted);
    }

    private static async Task Replay(HttpContext context, RememberedRequest remembered)
    {
        var response = context.Response;
        response.StatusCode = remembered.Status;
        foreach (var (name, value) in JsonSerializer.Deserialize<Dictionary<string, string>>(remembered.Headers) ?? [])
        {
            response.Headers[name] = value;
        }

        response.Headers[ReplayedHeader] = "true";
        await Send(response, remembered.Body, context.RequestAborted);
    }

    private static async Task Send(HttpResponse response, byte[] body, CancellationToken cancellationToken)
    {
        if (body.Length > 0)
        {
            response.ContentLength = body.Length;
            await response.Body.WriteAsync(body, cancellationToken);
        }
    }

    private DbContext? Database(HttpContext context, string module)
    {
        var db = ModuleStore.Of(stores, module)?.Context(context.RequestServices);
        // A module without the table (one that never added it) serves keyed requests as it always did.
        return db?.Model.FindEntityType(typeof(RememberedRequest)) is null ? null : db;
    }

    private static bool IsSafe(string method) =>
        HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method);
}
