using MediatR;

namespace ContractKinds;

/// <summary>
/// A contract request that may change the owning module's state: it is sent again only when it certainly never
/// arrived, so a timeout or a lost answer is reported to the caller rather than risking the change twice.
/// </summary>
/// <typeparam name="TResponse">What the owning module answers.</typeparam>
public interface ICommand<out TResponse> : IRequest<TResponse>;
