namespace Host.IntegrationTests.RequestLogShipping;

/// <summary>A bad <c>RequestLogShipping</c> setting stops the Host at start-up, naming the setting.</summary>
public sealed class ShippingConfigurationTests
{
    [Theory]
    [InlineData("BatchSize", "0")]
    [InlineData("BatchSize", "5000")]
    [InlineData("BatchSize", "lots")]
    [InlineData("BufferCapacity", "0")]
    [InlineData("SendTimeout", "00:00:00")]
    [InlineData("RetryDelay", "-00:00:01")]
    [InlineData("MaxRetryDelay", "00:00:00.100")]
    [InlineData("FlushInterval", "-00:00:01")]
    [InlineData("SpoolSegmentSize", "0")]
    [InlineData("SpoolDirectory", " ")]
    public async Task A_bad_shipping_setting_stops_the_Host_at_start_up_naming_it(string setting, string value)
    {
        await using var host = new ShippingHost().With($"RequestLogShipping:{setting}", value);

        var start = () => host.Address;

        start.Should().Throw<Exception>().Where(
            e => Messages(e).Any(m => m.Contains("RequestLogShipping", StringComparison.Ordinal) && m.Contains(setting, StringComparison.Ordinal)),
            "the error must name RequestLogShipping:{0}", setting);
    }

    private static IEnumerable<string> Messages(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            yield return e.Message;
        }
    }
}
