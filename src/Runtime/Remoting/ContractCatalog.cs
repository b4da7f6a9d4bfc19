using System.Reflection;
using MediatR;
using ModuleRuntime.Composition;

using ModuleKit;

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
    private static readonly string[] QueryPrefixes = ["Get", "List", "Find", "Search", "Count"];

    private readonly Func<IMediator, object, CancellationToken, Task<object?>> send;

    public RequestContract(Type type, Type responseType)
    {
        Type = type;
        ResponseType = responseType;
        Name = type.FullName!;
        Module = ModuleNames.Of(type);
        IsQuery = QueryPrefixes.Any(p => StartsWithWord(type.Name, p));
        send = SendMethod.MakeGenericMethod(type, responseType).CreateDelegate<Func<IMediator, object, CancellationToken, Task<object?>>>();
    }

    public Type Type { get; }

    public Type ResponseType { get; }

    public string Name { get; }

    /// <summary>The module that owns and serves the contract.</summary>
    public string Module { get; }

    /// <summary>
    /// Queries (named Get…, List…, Find…, Search…, Count…) change nothing, so a failed remote attempt may be retried.
    /// </summary>
    public bool IsQuery { get; }

    public Task<object?> Send(IMediator mediator, object request, CancellationToken cancellationToken) => send(mediator, request, cancellationToken);

    /// <summary>Whether the name begins with the word: <c>GetTweetCount</c> does, <c>Getaway</c> and <c>CountryChanged</c> do not.</summary>
    private static bool StartsWithWord(string name, string word) =>
        name.StartsWith(word, StringComparison.Ordinal) && (name.Length == word.Length || char.IsUpper(name[word.Length]));

    private static async Task<object?> SendTyped<TRequest, TResponse>(IMediator mediator, object request, CancellationToken cancellationToken)
        where TRequest : IRequest<TResponse> =>
        await mediator.Send((TRequest)request, cancellationToken);
}
