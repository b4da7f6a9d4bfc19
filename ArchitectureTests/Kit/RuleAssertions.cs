namespace ArchitectureTests.Kit;

internal static class RuleAssertions
{
    public static void ShouldPass(this RuleResult result) => Assert.True(result.Passed, result.ToString());

    /// <summary>Asserts the rule failed and that its message names <paramref name="subject"/> together with each detail.</summary>
    public static void ShouldReport(this RuleResult result, string subject, params string[] details)
    {
        Assert.False(result.Passed, $"Expected the rule to fail, but it was kept: {result.Rule}.");
        var message = result.ToString();
        var reported = result.Violations.Any(v => v.Subject == subject && details.All(v.Problem.Contains));
        Assert.True(reported, $"Expected a violation by {subject} naming {string.Join(", ", details)}; got:{Environment.NewLine}{message}");
        message.Should().Contain(subject).And.ContainAll(details);
    }
}
