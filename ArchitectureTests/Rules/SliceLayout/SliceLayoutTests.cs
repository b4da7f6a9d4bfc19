namespace ArchitectureTests.Rules.SliceLayout;

public sealed class SliceLayoutTests
{
    [Fact]
    public void Every_modules_slices_follow_one_layout() =>
        SliceLayoutRule.Check(Path.Combine(BuildOutput.RepositoryRoot(), "src", "Modules")).ShouldPass();

    [Fact]
    public void Rule_holds_for_a_slice_named_consistently_with_helpers_beside_it()
    {
        var modules = Tree("Alpha/Alpha/Features/GetThing/GetThingEndpoint.cs", "Alpha/Alpha/Features/GetThing/GetThingQuery.cs",
            "Alpha/Alpha/Features/GetThing/GetThingHandler.cs", "Alpha/Alpha/Features/GetThing/ThingParser.cs");

        SliceLayoutRule.Check(modules).ShouldPass();
    }

    [Fact]
    public void Rule_fails_when_a_slice_holds_another_use_cases_handler()
    {
        var modules = Tree("Alpha/Alpha/Features/Follow/FollowEndpoint.cs", "Alpha/Alpha/Features/Follow/UnfollowHandler.cs");

        SliceLayoutRule.Check(modules)
            .ShouldReport(Path.Combine("Alpha", "Alpha", "Features", "Follow", "UnfollowHandler.cs"), "Handler role of a slice named Unfollow, not Follow");
    }

    [Fact]
    public void Rule_fails_when_one_file_holds_the_handlers_of_several_use_cases()
    {
        var modules = Tree("Alpha/Alpha/Features/Timelines/TimelineHandlers.cs");

        SliceLayoutRule.Check(modules)
            .ShouldReport(Path.Combine("Alpha", "Alpha", "Features", "Timelines", "TimelineHandlers.cs"), "holds handlers of several use cases");
    }

    [Fact]
    public void Rule_fails_when_a_file_sits_loose_in_Features()
    {
        var modules = Tree("Alpha/Alpha/Features/TimelineQueries.cs");

        SliceLayoutRule.Check(modules).ShouldReport(Path.Combine("Alpha", "Alpha", "Features", "TimelineQueries.cs"), "is not in a slice folder");
    }

    [Fact]
    public void Rule_fails_when_a_slice_nests_folders()
    {
        var modules = Tree("Alpha/Alpha/Features/Analysis/Windows/AnalysisWindow.cs");

        SliceLayoutRule.Check(modules).ShouldReport(Path.Combine("Alpha", "Alpha", "Features", "Analysis", "Windows"), "nests a folder inside a slice");
    }

    private static string Tree(params string[] files)
    {
        var root = FixtureFolder.Create();
        foreach (var file in files)
        {
            var path = Path.Combine(root, file.Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, "// fixture");
        }

        return root;
    }
}
