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

    [Fact]
    public void The_RabbitMq_transport_without_a_broker_address_is_refused_at_start_up() =>
        SettingsCheck.Failure([("Events:Transport", "RabbitMq")], (services, configuration) => services.AddModuleEvents(configuration))
            .Should().Be("Events:RabbitMq:Uri must be the broker's address, such as amqp://guest:guest@127.0.0.1:5672/, when Events:Transport is RabbitMq");

    [Fact]
    public void Bad_broker_settings_are_all_named_in_one_message()
    {
        var failure = SettingsCheck.Failure(
            [
                ("Events:Transport", "RabbitMq"), ("Events:RabbitMq:Uri", "http://127.0.0.1:5672/"), ("Events:RabbitMq:MaxDeliveryAttempts", "0"),
                ("Events:RabbitMq:Prefetch", "0"), ("Events:RabbitMq:ReconnectInterval", "00:00:00"),
            ],
            (services, configuration) => services.AddModuleEvents(configuration));

        failure.Should().StartWith("Events:RabbitMq:Uri must be the broker's address").And.Contain("Events:RabbitMq:MaxDeliveryAttempts must be from 1 to 100")
            .And.Contain("Events:RabbitMq:Prefetch must be from 1 to 1000").And.Contain("Events:RabbitMq:ReconnectInterval must be from 00:00:00.1 to 00:05:00");
    }

    [Fact]
    public void Broker_settings_are_not_checked_while_the_transport_is_Http() =>
        SettingsCheck.Failure([("Events:RabbitMq:Prefetch", "0")], (services, configuration) => services.AddModuleEvents(configuration)).Should().BeNull();

    [Fact]
    public void A_RabbitMq_transport_with_an_address_passes() =>
        SettingsCheck.Failure(
            [("Events:Transport", "RabbitMq"), ("Events:RabbitMq:Uri", "amqp://guest:guest@127.0.0.1:5672/")],
            (services, configuration) => services.AddModuleEvents(configuration)).Should().BeNull();

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    public void A_request_body_limit_below_one_byte_is_named(string value) =>
        SettingsCheck.Failure([("Http:MaxRequestBodyBytes", value)], (services, configuration) => services.AddRequestLimits(configuration))
            .Should().Be("Http:MaxRequestBodyBytes must be a positive number of bytes");
}
