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

    [Fact]
    public async Task Two_bad_shipping_settings_are_named_together_in_the_message_that_stops_the_Host()
    {
        await using var host = new ShippingHost().With("RequestLogShipping:BatchSize", "0").With("RequestLogShipping:SpoolSegmentSize", "0");

        var start = () => host.Address;

        start.Should().Throw<Exception>().Where(e => Messages(e).Any(m =>
            m.Contains("RequestLogShipping:BatchSize must be between 1 and", StringComparison.Ordinal)
            && m.Contains("; RequestLogShipping:SpoolSegmentSize must be at least 1", StringComparison.Ordinal)));
    }

    private static IEnumerable<string> Messages(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            yield return e.Message;
        }
    }
}
