using System.Globalization;

namespace Monolith.Bench;

/// <summary>Repeated measurements of one quantity, reported as the median with the range.</summary>
internal sealed class Series(IEnumerable<double> values)
{
    private readonly double[] sorted = [.. values.Order()];

    public int Count => sorted.Length;

    public double Median => sorted.Length == 0
        ? double.NaN
        : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;

    public double Min => sorted.Length == 0 ? double.NaN : sorted[0];

    public double Max => sorted.Length == 0 ? double.NaN : sorted[^1];

    /// <summary>"median (min–max)" with the given number format.</summary>
    public string Format(string format = "0", string unit = "") =>
        string.Create(CultureInfo.InvariantCulture, $"{Median.ToString(format, CultureInfo.InvariantCulture)}{unit} ({Min.ToString(format, CultureInfo.InvariantCulture)}–{Max.ToString(format, CultureInfo.InvariantCulture)})");

    /// <summary>The value at a percentile of samples (nearest rank), for latency samples taken in a loop.</summary>
    public static double Percentile(IReadOnlyList<double> samples, double percent)
    {
        var ordered = samples.Order().ToArray();
        var rank = (int)Math.Ceiling(percent / 100 * ordered.Length) - 1;
        return ordered[Math.Clamp(rank, 0, ordered.Length - 1)];
    }
}
