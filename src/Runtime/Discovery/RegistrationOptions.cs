namespace ModuleRuntime.Discovery;

/// <summary>How an extracted instance announces itself to the Host's registry (<c>Registry</c>).</summary>
public sealed class RegistrationOptions
{
    public const string SectionName = "Registry";

    /// <summary>Whether the instance registers at all; it needs <c>FrontDoor:Url</c> to know where.</summary>
    public bool Register { get; set; } = true;

    /// <summary>
    /// The base address the front door should use for this instance. When empty, the address the server bound is used,
    /// if it is a concrete one (a loopback or other IP address and port, not 0.0.0.0 or *).
    /// </summary>
    public string? Address { get; set; }

    /// <summary>
    /// How long a graceful stop waits after deregistering before the server stops taking requests, so the front door
    /// has stopped sending new ones by then.
    /// </summary>
    public TimeSpan DrainDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long to wait before trying again after the registry could not be reached or refused the instance.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);
}
