using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using ModuleKit.Problems;
using ModuleRuntime.Auth;
using ModuleRuntime.Remoting;

namespace ModuleRuntime.Events;

/// <summary>
/// The sender's signature on an event that travels through the broker, where no bearer token goes with it: a token
/// issued by the source module (its own credential) for <see cref="ServiceTokens.EventsAudience"/>, bound to this one
/// event by its id, type and a hash of its payload. It does not expire, since an event may wait in a queue for as
/// long as its subscriber is down; it is good for this event only, which each inbox takes once (docs/adr/0037).
/// </summary>
public sealed class EventSignatures(ModuleCredentials credentials, ContractCatalog contracts, TimeProvider clock)
{
    /// <summary>The message header that carries the signature.</summary>
    public const string Header = "sender-token";

    private const string EventId = "event_id";
    private const string EventType = "event_type";
    private const string PayloadHash = "payload_sha256";

    private readonly JsonWebTokenHandler handler = new() { SetDefaultTimesOnTokenCreation = false };

    public string Sign(EventEnvelope envelope) => handler.CreateToken(new SecurityTokenDescriptor
    {
        Issuer = ServiceTokens.Of(envelope.Source),
        Audience = ServiceTokens.EventsAudience,
        IssuedAt = clock.GetUtcNow().UtcDateTime,
        SigningCredentials = credentials.SigningKeyOf(envelope.Source).Credentials,
        Claims = new Dictionary<string, object>
        {
            [EventId] = envelope.Id.ToString(),
            [EventType] = envelope.Type,
            [PayloadHash] = Hash(envelope.Payload),
        },
    });

    /// <summary>
    /// Throws <see cref="ProblemException"/> (401 for a missing or false signature, 403 when the signer does not own the
    /// event) unless <paramref name="token"/> is the source module's signature of exactly this event.
    /// </summary>
    public async Task Verify(EventEnvelope envelope, string? token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(token))
        {
            throw new UnauthorizedException($"The event {envelope.Id} carries no sender signature ({Header}).");
        }

        JsonWebToken read;
        try
        {
            read = new JsonWebToken(token);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or JsonException)
        {
            throw new UnauthorizedException($"The sender signature of the event {envelope.Id} is not a token.");
        }

        var module = ServiceTokens.ModuleOf(read.Issuer)
            ?? throw new UnauthorizedException($"The sender signature of the event {envelope.Id} names no module.");
        await credentials.Prepare(module, read.Kid, cancellationToken);
        if (!credentials.ValidationKeys(module).Any(k => k.KeyId == read.Kid))
        {
            // Perhaps not fetched yet (the front door is down): not a refusal, the event is tried again later.
            throw new InvalidOperationException($"No public key {read.Kid} of the {module} module is known yet to check the event {envelope.Id} with.");
        }

        var parameters = TokenAuthentication.ServiceTokenValidation(credentials);
        parameters.ValidateLifetime = false;
        parameters.RequireExpirationTime = false;
        parameters.AudienceValidator = (audiences, _, _) => audiences.Contains(ServiceTokens.EventsAudience, StringComparer.Ordinal);
        var result = await handler.ValidateTokenAsync(read, parameters);
        if (!result.IsValid)
        {
            throw new UnauthorizedException($"The sender signature of the event {envelope.Id} is not valid: {result.Exception?.Message}");
        }

        if (Claim(result, EventId) != envelope.Id.ToString() || Claim(result, EventType) != envelope.Type || Claim(result, PayloadHash) != Hash(envelope.Payload))
        {
            throw new UnauthorizedException($"The sender signature is for another event than {envelope.Id}, or the event was changed.");
        }

        EventOwnership.Require(contracts, envelope, module);
    }

    private static string? Claim(TokenValidationResult result, string name) =>
        result.Claims.TryGetValue(name, out var value) ? value?.ToString() : null;

    // Serialising a parsed JSON value gives the same bytes on both sides, whatever whitespace or escapes the wire had.
    private static string Hash(JsonElement payload) => Base64UrlEncoder.Encode(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(payload)));
}
