namespace Monolith.Host.FrontDoor.Shadow;

/// <summary>
/// How shadow comparison behaves for every module (<c>FrontDoor:Shadow</c>); the share of requests each module
/// shadows is its own <c>Modules:&lt;Name&gt;:Shadow</c>.
/// </summary>
internal sealed class ShadowOptions
{
    public const string Section = "FrontDoor:Shadow";

    /// <summary>JSON properties left out of the comparison wherever they appear: values that differ between two honest answers.</summary>
    public List<string> IgnoredFields { get; set; } = ["traceId", "requestId", "timestamp", "serverTime"];

    /// <summary>Response headers that must agree; all others (dates, server names, trace headers) may differ.</summary>
    public List<string> ComparedHeaders { get; set; } = ["Content-Type", "Location"];

    /// <summary>Shadow requests in flight at once, over all modules; a request beyond it is not shadowed, only counted as skipped.</summary>
    public int MaxInFlight { get; set; } = 4;

    /// <summary>Answers larger than this are not compared (counted as skipped), so a shadow never holds much memory.</summary>
    public int MaxBodyBytes { get; set; } = 256 * 1024;

    /// <summary>Mismatch samples kept per module, newest first.</summary>
    public int MaxSamples { get; set; } = 20;

    /// <summary>How long the extracted side may take to answer a shadow request.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);
}
