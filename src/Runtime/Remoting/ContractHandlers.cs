using MediatR;

using ModuleKit;

namespace ModuleRuntime.Remoting;

/// <summary>
/// Stands in front of the handler of a contract request this process hosts, so the request can be served by an
/// extracted instance instead when the module's routing says so. Registered for every contract request by scanning.
/// </summary>
internal sealed class RoutedContractHandler<TRequest, TResponse>(IRequestHandler<TRequest, TResponse> local, ContractForwarder forwarder)
    : IRequestHandler<TRequest, TResponse>
    where TRequest : IRequest<TResponse>
{
    public Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken) =>
        forwarder.Handle(request, local, cancellationToken);
}

/// <summary>
/// Serves a contract request of a module this process does not host (an extracted service calling another
/// module): always over HTTP, to the module's configured instances or the front door.
/// </summary>
internal sealed class RemoteContractHandler<TRequest, TResponse>(ContractForwarder forwarder) : IRequestHandler<TRequest, TResponse>
    where TRequest : IRequest<TResponse>
{
    public Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken) =>
        forwarder.Handle<TRequest, TResponse>(request, null, cancellationToken);
}
