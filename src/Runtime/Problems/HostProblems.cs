using Microsoft.AspNetCore.Mvc;
using ModuleKit.Problems;

namespace ModuleRuntime.Problems;

// Problems only a host raises: its instances of a module unreachable, too slow, or answering with a problem of
// their own, and a body in a form the host does not read.

/// <summary>
/// A module's work could not be done because no instance of it could take it: its extracted instances are down
/// and fallback is off, its circuit is open, or a fault was injected on purpose (503).
/// </summary>
public sealed class ModuleUnavailableException(string message) : ProblemException(message)
{
    public override int StatusCode => 503;
    public override string Type => ProblemTypes.ModuleUnavailable;
    public override string Title => "Module unavailable";
}

/// <summary>An extracted module did not answer within its configured timeout (504).</summary>
public sealed class ModuleTimeoutException(string message) : ProblemException(message)
{
    public override int StatusCode => 504;
    public override string Type => ProblemTypes.ModuleTimeout;
    public override string Title => "Module timed out";
}

/// <summary>
/// A problem an extracted module answered a contract call with, passed on unchanged so the caller sees exactly
/// what an in-process call would have given: same status, type, title, detail and field errors.
/// </summary>
public sealed class RemoteProblemException(ProblemDetails problem)
    : ProblemException(problem.Detail ?? problem.Title ?? "The module refused the request.")
{
    public ProblemDetails Problem { get; } = problem;

    public override int StatusCode => Problem.Status ?? 500;
    public override string Type => Problem.Type ?? ProblemTypes.Unexpected;
    public override string Title => Problem.Title ?? "Error";
}

/// <summary>
/// The body is not in a form the server reads, for example JSON in a charset other than UTF-8 (415); the framework's
/// own 415 for a missing or non-JSON content type gets the same type.
/// </summary>
public sealed class UnsupportedMediaTypeException(string message) : ProblemException(message)
{
    public override int StatusCode => 415;
    public override string Type => ProblemTypes.UnsupportedMediaType;
    public override string Title => "Unsupported media type";
}

/// <summary>
/// A genuine service token, but issued for another module than the one this internal endpoint serves (403): a module
/// may act only on the module it called (docs/adr/0037).
/// </summary>
public sealed class WrongAudienceException(string message) : ProblemException(message)
{
    public override int StatusCode => 403;
    public override string Type => ProblemTypes.WrongAudience;
    public override string Title => "Token for another module";
}

/// <summary>An event delivered by a module that does not own its type (403): only the owner may raise it (docs/adr/0037).</summary>
public sealed class EventNotOwnedException(string message) : ProblemException(message)
{
    public override int StatusCode => 403;
    public override string Type => ProblemTypes.EventNotOwned;
    public override string Title => "Event from a module that does not own it";
}
