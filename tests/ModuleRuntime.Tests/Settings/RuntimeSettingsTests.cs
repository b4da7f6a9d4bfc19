using ModuleRuntime.Events;
using ModuleRuntime.Http;
using Tests.Shared;

namespace ModuleRuntime.Tests.Settings;

/// <summary>The settings every process shares are checked as they are registered, every problem in one message.</summary>
public sealed class RuntimeSettingsTests
{
    [Fact]
    public void Bad_event_settings_are_all_named_in_one_message()
    {
        var failure = SettingsCheck.Failure(
            [("Events:PollInterval", "00:00:00"), ("Events:LeaseDuration", "00:00:00.500"), ("Events:MaxRetryDelay", "-00:00:01")],
            (services, configuration) => services.AddModuleEvents(configuration));

        failure.Should().Be("Events:PollInterval must be a positive duration such as 00:00:00.5; "
            + "Events:LeaseDuration must be at least one second; Events:MaxRetryDelay must be a positive duration");
    }

    [Fact]
    public void Default_event_settings_pass() =>
        SettingsCheck.Failure([], (services, configuration) => services.AddModuleEvents(configuration)).Should().BeNull();

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    public void A_request_body_limit_below_one_byte_is_named(string value) =>
        SettingsCheck.Failure([("Http:MaxRequestBodyBytes", value)], (services, configuration) => services.AddRequestLimits(configuration))
            .Should().Be("Http:MaxRequestBodyBytes must be a positive number of bytes");
}
