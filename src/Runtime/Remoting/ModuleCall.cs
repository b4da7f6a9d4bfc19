using Microsoft.AspNetCore.Http;
using ModuleRuntime.Http;

namespace ModuleRuntime.Remoting;

/// <summary>
/// Which module's code is running, and which module called it: what a contract call or event signs as
/// (docs/adr/0037). Set by the mediator around every request (<c>ModuleLogContextBehavior</c>), by the contract endpoint to
/// the caller its token names, and by the inbox around one module's handlers; it flows with the async call.
/// </summary>
public static class ModuleCall
{
    private static readonly AsyncLocal<Frame?> Frames = new();

    /// <summary>The module whose request is being handled, and the module that sent it (null when none is known).</summary>
    public sealed record Frame(string Module, string? Caller);

    public static Frame? Current
    {
        get => Frames.Value;
        internal set => Frames.Value = value;
    }

    /// <summary>Runs what follows as <paramref name="module"/>'s own code, until disposed.</summary>
    public static IDisposable Enter(string module)
    {
        var outer = Frames.Value;
        Frames.Value = new Frame(module, null);
        return new Restore(outer);
    }

    /// <summary>
    /// The module calling <paramref name="callee"/> now: the module whose code sent the request; else the module whose
    /// endpoint serves the HTTP request; else <paramref name="callee"/> itself when this process holds its credential
    /// (the in-process copy handing its own contract to another instance, as the Host's request-log shipper does);
    /// else the one module this process holds a credential for. Null when none of these is known.
    /// </summary>
    public static string? CallerOf(string callee, HttpContext? http, Func<string, bool> holds, IReadOnlyCollection<string> held) =>
        Current?.Caller
        ?? http?.GetEndpoint()?.Metadata.GetMetadata<ModuleEndpoint>()?.ModuleName
        ?? (holds(callee) ? callee : held.Count == 1 ? held.First() : null);

    private sealed class Restore(Frame? outer) : IDisposable
    {
        public void Dispose() => Frames.Value = outer;
    }
}
