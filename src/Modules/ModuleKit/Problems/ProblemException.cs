namespace ModuleKit.Problems;

/// <summary>
/// A failure a client can act on. Handlers throw one of the subclasses; the host turns it into
/// RFC 7807 problem details with the status, stable type and message given here.
/// </summary>
public abstract class ProblemException(string message) : Exception(message)
{
    /// <summary>The HTTP status the failure maps to.</summary>
    public abstract int StatusCode { get; }

    /// <summary>A stable, machine-readable problem type (a URN), documented in the README.</summary>
    public abstract string Type { get; }

    /// <summary>A short, fixed summary of the problem type.</summary>
    public abstract string Title { get; }
}

/// <summary>The thing asked for does not exist (404).</summary>
public sealed class NotFoundException(string message) : ProblemException(message)
{
    public override int StatusCode => 404;
    public override string Type => ProblemTypes.NotFound;
    public override string Title => "Not found";
}

/// <summary>The request conflicts with the current state, for example a taken id (409).</summary>
public sealed class ConflictException(string message) : ProblemException(message)
{
    public override int StatusCode => 409;
    public override string Type => ProblemTypes.Conflict;
    public override string Title => "Conflict";
}

/// <summary>The caller is known but may not do this (403).</summary>
public sealed class ForbiddenException(string message) : ProblemException(message)
{
    public override int StatusCode => 403;
    public override string Type => ProblemTypes.Forbidden;
    public override string Title => "Forbidden";
}

/// <summary>The caller could not be authenticated, for example wrong credentials (401).</summary>
public sealed class UnauthorizedException(string message) : ProblemException(message)
{
    public override int StatusCode => 401;
    public override string Type => ProblemTypes.Unauthorized;
    public override string Title => "Unauthorized";
}

/// <summary>
/// The token is genuine but names an account that does not exist (401): it cannot act, and the client should log in
/// again. A module raises it before a change made in the account's name.
/// </summary>
public sealed class UnknownAccountException(string message) : ProblemException(message)
{
    public override int StatusCode => 401;
    public override string Type => ProblemTypes.UnknownAccount;
    public override string Title => "Unknown account";
}

/// <summary>The caller must wait before trying again (429 with a Retry-After header).</summary>
public sealed class TooManyRequestsException(string message, TimeSpan retryAfter) : ProblemException(message)
{
    public TimeSpan RetryAfter { get; } = retryAfter;

    public override int StatusCode => 429;
    public override string Type => ProblemTypes.TooManyRequests;
    public override string Title => "Too many requests";
}

/// <summary>
/// The body parses but cannot be read as text, for example a string holding a lone surrogate (400); the same type as
/// the framework's answer to JSON that does not parse.
/// </summary>
public sealed class MalformedRequestException(string message) : ProblemException(message)
{
    public override int StatusCode => 400;
    public override string Type => ProblemTypes.MalformedRequest;
    public override string Title => "Malformed request";
}
