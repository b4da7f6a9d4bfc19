namespace ArchitectureTests.Rules.ModuleCycles;

internal static class ModuleCyclesRule
{
    public const string Description = "modules do not depend on each other in a cycle";

    public static RuleResult Check(ModuleModel model)
    {
        var graph = ModuleGraph.Of(model);
        return new(Description, Cycles.In(graph.Modules, graph.Successors).Select(cycle =>
        {
            var edges = cycle.Select((from, i) => graph.Edge(from, cycle[(i + 1) % cycle.Count]));
            return new Violation(
                string.Join(" -> ", cycle.Append(cycle[0])),
                "is a cycle: " + string.Join("; ", edges.Select(e => $"{e.From} -> {e.To} because {e.Usages[0]}")));
        }));
    }
}
