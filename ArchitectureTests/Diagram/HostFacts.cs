namespace ArchitectureTests.Diagram;

/// <summary>What only the composed Host knows about its modules: the routes it serves and the settings it ships with.</summary>
internal sealed record HostFacts(ILookup<string, PublicRoute> Routes, ILookup<string, ModuleSetting> Settings);

/// <summary>An endpoint a client can call: its HTTP methods and route pattern.</summary>
internal sealed record PublicRoute(string Methods, string Pattern);

/// <summary>A key under <c>Modules:&lt;Name&gt;</c> and its shipped default, as JSON.</summary>
internal sealed record ModuleSetting(string Key, string Default);
