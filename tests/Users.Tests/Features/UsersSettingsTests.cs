using Tests.Shared;

namespace Users.Tests.Features;

/// <summary><c>Modules:Users</c> is checked at start-up, every problem in one message; pages use the kit's sizes, 5 and 50 by default.</summary>
public sealed class UsersSettingsTests
{
    [Fact]
    public void Bad_lockout_and_paging_settings_are_all_named_in_one_message()
    {
        var failure = SettingsCheck.Failure<UsersOptions, UsersOptionsValidator>(
            "Modules:Users", ("Lockout:MaxFailedAttempts", "0"), ("Lockout:Duration", "00:00:00"), ("Paging:Max", "2"));

        failure.Should().Be("Modules:Users:Lockout:MaxFailedAttempts must be at least 1; "
            + "Modules:Users:Lockout:Duration must be a positive duration such as 00:05:00; "
            + "Modules:Users:Paging:Max must be at least Default (5)");
    }

    [Fact]
    public void Default_settings_pass() =>
        SettingsCheck.Failure<UsersOptions, UsersOptionsValidator>("Modules:Users").Should().BeNull();

    [Theory]
    [InlineData(null, 5)]
    [InlineData(1, 1)]
    [InlineData(50, 50)]
    [InlineData(51, 50)]
    public void The_user_list_serves_5_unless_asked_and_caps_at_50(int? requested, int served) =>
        new UsersOptions().Paging.For(requested).Should().Be(served);
}
