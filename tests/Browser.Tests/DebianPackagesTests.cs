using System.Diagnostics;
using Tests.Shared;

namespace Browser.Tests;

/// <summary>
/// The installer's handling of apt's lock, with apt-get simulated: no root, no network, and no waiting (the pauses
/// between attempts are recorded rather than slept).
/// </summary>
public sealed class DebianPackagesTests
{
    private const string HeldDpkgLock = """
        E: Could not get lock /var/lib/dpkg/lock-frontend. It is held by process 4242 (apt-get)
        N: Be aware that removing the lock file is not a solution and may break your system.
        E: Unable to acquire the dpkg frontend lock (/var/lib/dpkg/lock-frontend), is another process using it?
        """;

    private const string HeldListsLock = """
        E: Could not get lock /var/lib/apt/lists/lock. It is held by process 4242 (apt-get)
        E: Unable to lock directory /var/lib/apt/lists/
        """;

    private const string NotRoot = """
        E: Could not open lock file /var/lib/dpkg/lock-frontend - open (13: Permission denied)
        E: Unable to acquire the dpkg frontend lock (/var/lib/dpkg/lock-frontend), are you root?
        """;

    private readonly List<string> commands = [];
    private readonly List<TimeSpan> pauses = [];
    private readonly Queue<(int, string)> answers = new();

    [Fact]
    public async Task Update_then_install_without_recommendations_waiting_for_the_lock_and_without_prompts()
    {
        var environments = new List<string?>();
        var packages = new DebianPackages(start =>
        {
            environments.Add(start.Environment["DEBIAN_FRONTEND"]);
            return Answer(start);
        }, Pause);

        await packages.InstallAsync("chromium", "fonts-noto");

        commands.Should().Equal(
            "apt-get -o DPkg::Lock::Timeout=300 update",
            "apt-get install -y --no-install-recommends -o DPkg::Lock::Timeout=300 chromium fonts-noto");
        environments.Should().AllBe("noninteractive");
        pauses.Should().BeEmpty();
    }

    [Theory]
    [InlineData(HeldListsLock, 0)]
    [InlineData(HeldDpkgLock, 1)]
    public async Task A_held_lock_is_waited_for_and_the_command_run_again(string held, int heldAtCommand)
    {
        // Commands run in order: update (0), then install (1); the first run of the one that meets the lock fails.
        if (heldAtCommand == 1)
        {
            answers.Enqueue((0, "Reading package lists..."));
        }

        answers.Enqueue((100, held));
        answers.Enqueue((100, held));

        await new DebianPackages(Answer, Pause).InstallAsync("chromium");

        commands.Should().HaveCount(4, "the command that met the lock ran three times, the other once");
        commands[heldAtCommand].Should().Be(commands[heldAtCommand + 1]).And.Be(commands[heldAtCommand + 2]);
        commands[^1].Should().EndWith("chromium");
        pauses.Should().HaveCount(2).And.OnlyContain(pause => pause > TimeSpan.Zero);
    }

    [Fact]
    public async Task A_lock_that_stays_held_fails_after_a_bounded_number_of_attempts_naming_its_holder()
    {
        for (var i = 0; i < 10; i++)
        {
            answers.Enqueue((100, HeldListsLock));
        }

        var install = () => new DebianPackages(Answer, Pause, attempts: 3).InstallAsync("chromium");

        (await install.Should().ThrowAsync<InvalidOperationException>())
            .Which.Message.Should().Contain("3 times").And.Contain("held by process 4242 (apt-get)");
        commands.Should().HaveCount(3, "install never runs while update cannot get the lists");
        pauses.Should().HaveCount(2);
    }

    [Fact]
    public async Task Other_failures_are_not_retried()
    {
        answers.Enqueue((100, NotRoot));

        var install = () => new DebianPackages(Answer, Pause).InstallAsync("chromium");

        (await install.Should().ThrowAsync<InvalidOperationException>())
            .Which.Message.Should().Contain("exit code 100").And.Contain("are you root?");
        commands.Should().ContainSingle();
        pauses.Should().BeEmpty();
    }

    [Theory]
    [InlineData(HeldDpkgLock, true)]
    [InlineData(HeldListsLock, true)]
    [InlineData("E: Could not get lock /var/lib/dpkg/lock - open (11: Resource temporarily unavailable)", true)]
    [InlineData(NotRoot, false)]
    [InlineData("E: Unable to locate package chromum", false)]
    public void Lock_held_is_told_from_other_errors(string output, bool held) =>
        DebianPackages.IsLockHeld(output).Should().Be(held);

    private Task<(int ExitCode, string Output)> Answer(ProcessStartInfo start)
    {
        commands.Add($"{start.FileName} {string.Join(' ', start.ArgumentList)}");
        return Task.FromResult(answers.TryDequeue(out var answer) ? answer : (0, "Done"));
    }

    private Task Pause(TimeSpan pause)
    {
        pauses.Add(pause);
        return Task.CompletedTask;
    }
}
