using MediatR;
using ModuleKit;
using ModuleKit.Mediation;
using ModuleRuntime.Composition;
using ModuleRuntime.Remoting;
using Serilog.Context;

namespace ModuleRuntime.Mediation;

/// <summary>
/// Marks the module that owns a request while it is handled: every log line written then is tagged with it, so a
/// contract call from Tweets into Users logs as Users, and <see cref="ModuleCall"/> records that its code is running and
/// which module sent it, so a contract call it makes to another process is signed as that module (docs/adr/0037).
/// </summary>
internal sealed class ModuleLogContextBehavior<TRequest, TResponse> : IPipelineBehavior<TRequest, TResponse>
{
    private static readonly string ModuleName = ModuleNames.Of(typeof(TRequest));

    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        var outer = ModuleCall.Current;
        ModuleCall.Current = new ModuleCall.Frame(ModuleName, outer?.Module);
        try
        {
            using (LogContext.PushProperty("Module", ModuleName))
            {
                return await next();
            }
        }
        finally
        {
            ModuleCall.Current = outer;
        }
    }
}
