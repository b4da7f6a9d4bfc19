using MediatR;

namespace ContractKinds;

/// <summary>
/// A contract request that changes nothing: a caller may retry it after a failed attempt and may have it answered by
/// another copy of the module (an in-process fallback) without any effect being doubled.
/// </summary>
/// <typeparam name="TResponse">What the owning module answers.</typeparam>
public interface IQuery<out TResponse> : IRequest<TResponse>;
