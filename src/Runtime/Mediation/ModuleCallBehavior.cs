using MediatR;
using ModuleRuntime.Composition;
using ModuleRuntime.Remoting;

namespace ModuleRuntime.Mediation;

/// <summary>
/// Records, while a request is handled, that its module's code is running and which module sent it (the module whose
/// code was running before), so that a contract call it makes to another process is signed as the calling module
/// (<see cref="ModuleCall"/>, docs/adr/0037).
/// </summary>
internal sealed class ModuleCallBehavior<TRequest, TResponse> : IPipelineBehavior<TRequest, TResponse>
{
    private static readonly string ModuleName = ModuleNames.Of(typeof(TRequest));

    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        var outer = ModuleCall.Current;
        ModuleCall.Current = new ModuleCall.Frame(ModuleName, outer?.Module);
        try
        {
            return await next();
        }
        finally
        {
            ModuleCall.Current = outer;
        }
    }
}
