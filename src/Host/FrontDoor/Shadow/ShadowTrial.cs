namespace Monolith.Host.FrontDoor.Shadow;

/// <summary>A safe request the in-process copy answered, with that answer, waiting to be asked of an extracted instance.</summary>
internal sealed record ShadowTrial(
    string Module,
    string Route,
    string Method,
    string PathAndQuery,
    IReadOnlyList<KeyValuePair<string, string[]>> RequestHeaders,
    Answer Expected);

/// <summary>What one side answered: status, the compared headers, and the body.</summary>
internal sealed record Answer(int Status, IReadOnlyDictionary<string, string> Headers, byte[] Body, string? ContentType);
