using ModuleKit.Problems;

namespace ModuleRuntime.Idempotency;

/// <summary>The Idempotency-Key header cannot be a key: empty, repeated, too long or not printable ASCII (400).</summary>
internal sealed class InvalidIdempotencyKeyException(string message) : ProblemException(message)
{
    public override int StatusCode => 400;
    public override string Type => ProblemTypes.InvalidIdempotencyKey;
    public override string Title => "Invalid Idempotency-Key";
}

/// <summary>The caller sent this key before with a different request (422): answering it would mix up two requests.</summary>
internal sealed class IdempotencyKeyReusedException(string message) : ProblemException(message)
{
    public override int StatusCode => 422;
    public override string Type => ProblemTypes.IdempotencyKeyReused;
    public override string Title => "Idempotency-Key used for another request";
}
