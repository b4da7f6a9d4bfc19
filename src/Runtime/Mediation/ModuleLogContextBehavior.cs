using MediatR;
using ModuleKit;
using ModuleKit.Mediation;
using Serilog.Context;
using ModuleRuntime.Composition;

namespace ModuleRuntime.Mediation;

/// <summary>
/// Tags every log line written while a request is handled with the module that owns the request,
/// so a contract call from Tweets into Users logs as Users.
/// </summary>
internal sealed class ModuleLogContextBehavior<TRequest, TResponse> : IPipelineBehavior<TRequest, TResponse>
{
    private static readonly string ModuleName = ModuleNames.Of(typeof(TRequest));

    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        using (LogContext.PushProperty("Module", ModuleName))
        {
            return await next();
        }
    }
}
