using System.Reflection;
using ContractKinds;
using MediatR;
using ModuleKit;
using ModuleRuntime.Composition;

namespace ModuleRuntime.Remoting;

/// <summary>
/// Every contract a process can send or serve: the requests and events in the Contracts assemblies of the modules
/// it hosts and of the modules those reference. Wire names are full type names, so two modules cannot collide.
/// </summary>
public sealed class ContractCatalog
{
    private readonly Dictionary<string, RequestContract> requests = new(StringComparer.Ordinal);
    private readonly Dictionary<Type, RequestContract> requestsByType = [];
    private readonly Dictionary<string, Type> events = new(StringComparer.Ordinal);

    public ContractCatalog(IEnumerable<Assembly> moduleAssemblies)
    {
        foreach (var assembly in ContractAssemblies(moduleAssemblies))
        {
            foreach (var type in assembly.GetExportedTypes().Where(t => t is { IsClass: true, IsAbstract: false, IsGenericTypeDefinition: false }))
            {
                var request = type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IRequest<>));
                if (request is not null)
                {
                    var contract = new RequestContract(type, request.GetGenericArguments()[0]);
                    requests[contract.Name] = contract;
                    requestsByType[type] = contract;
                }
                else if (typeof(INotification).IsAssignableFrom(type))
                {
                    events[type.FullName!] = type;
                }
            }
        }
    }

    public IEnumerable<RequestContract> Requests => requestsByType.Values;

    public bool TryGetRequest(string name, out RequestContract contract) => requests.TryGetValue(name, out contract!);

    public RequestContract Request(Type requestType) => requestsByType[requestType];

    public bool TryGetEvent(string name, out Type type) => events.TryGetValue(name, out type!);

    /// <summary>Every event type of the contract surface, each owned by the module <see cref="ModuleNames.Of"/> names.</summary>
    public IEnumerable<Type> Events => events.Values;

    /// <summary>A module's own Contracts assembly and the Contracts assemblies it references, by the naming convention.</summary>
    public static IEnumerable<Assembly> ContractAssemblies(IEnumerable<Assembly> moduleAssemblies) =>
        moduleAssemblies
            .SelectMany(a => a.GetReferencedAssemblies())
            .Where(n => n.Name?.EndsWith(ModuleNames.ContractsSuffix, StringComparison.Ordinal) == true)
            .DistinctBy(n => n.Name)
            .Select(Assembly.Load);
}

/// <summary>A request type of some module's contract surface, and how to send it through a mediator.</summary>
public sealed class RequestContract
{
    private static readonly MethodInfo SendMethod = typeof(RequestContract).GetMethod(nameof(SendTyped), BindingFlags.NonPublic | BindingFlags.Static)!;

    private readonly Func<IMediator, object, CancellationToken, Task<object?>> send;

    public RequestContract(Type type, Type responseType)
    {
        Type = type;
        ResponseType = responseType;
        Name = type.FullName!;
        Module = ModuleNames.Of(type);
        IsQuery = KindOf(type, responseType);
        send = SendMethod.MakeGenericMethod(type, responseType).CreateDelegate<Func<IMediator, object, CancellationToken, Task<object?>>>();
    }

    public Type Type { get; }

    public Type ResponseType { get; }

    public string Name { get; }

    /// <summary>The module that owns and serves the contract.</summary>
    public string Module { get; }

    /// <summary>
    /// Whether the contract is an <see cref="IQuery{TResponse}"/>, which changes nothing, so a failed remote attempt may be
    /// retried and another copy of the module may answer it; otherwise it is an <see cref="ICommand{TResponse}"/>.
    /// </summary>
    public bool IsQuery { get; }

    public Task<object?> Send(IMediator mediator, object request, CancellationToken cancellationToken) => send(mediator, request, cancellationToken);

    /// <summary>
    /// The kind the type declares. One that declares none, or both, is refused here, when the catalog is built at
    /// start-up: guessing would either retry a change or give up retries a query could have had.
    /// </summary>
    private static bool KindOf(Type type, Type responseType)
    {
        var isQuery = typeof(IQuery<>).MakeGenericType(responseType).IsAssignableFrom(type);
        var isCommand = typeof(ICommand<>).MakeGenericType(responseType).IsAssignableFrom(type);
        return (isQuery, isCommand) switch
        {
            (true, false) => true,
            (false, true) => false,
            _ => throw new InvalidOperationException(
                $"Contract {type.FullName} must declare exactly one kind: IQuery<TResponse> if it changes nothing (safe to retry "
                + "and to answer from a fallback), or ICommand<TResponse> if it may change state. Both live in ContractKinds."),
        };
    }

    private static async Task<object?> SendTyped<TRequest, TResponse>(IMediator mediator, object request, CancellationToken cancellationToken)
        where TRequest : IRequest<TResponse> =>
        await mediator.Send((TRequest)request, cancellationToken);
}
