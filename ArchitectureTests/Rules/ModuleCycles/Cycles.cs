namespace ArchitectureTests.Rules.ModuleCycles;

/// <summary>
/// Finds a shortest cycle through each node that is not already on a reported cycle, taking nodes by name,
/// so the same graph always yields the same cycles and each cycle is reported once.
/// </summary>
internal static class Cycles
{
    public static IEnumerable<IReadOnlyList<string>> In(IEnumerable<string> nodes, Func<string, IEnumerable<string>> successors)
    {
        var next = (string node) => successors(node).Order(StringComparer.Ordinal);
        var reported = new HashSet<string>();
        foreach (var start in nodes.Order(StringComparer.Ordinal).Where(n => !reported.Contains(n)))
        {
            if (ShortestPath(next(start), start, next) is not { } back)
            {
                continue;
            }

            var cycle = back.Prepend(start).SkipLast(1).ToList();
            reported.UnionWith(cycle);
            yield return cycle;
        }
    }

    /// <summary>Breadth-first: the shortest path from any of <paramref name="starts"/> to <paramref name="target"/>, both ends included.</summary>
    private static List<string>? ShortestPath(IEnumerable<string> starts, string target, Func<string, IEnumerable<string>> next)
    {
        var cameFrom = starts.ToDictionary(s => s, _ => (string?)null);
        var queue = new Queue<string>(cameFrom.Keys);
        while (queue.TryDequeue(out var node))
        {
            if (node == target)
            {
                var path = new List<string>();
                for (string? step = node; step is not null; step = cameFrom[step])
                {
                    path.Insert(0, step);
                }

                return path;
            }

            foreach (var successor in next(node).Where(s => cameFrom.TryAdd(s, node)))
            {
                queue.Enqueue(successor);
            }
        }

        return null;
    }
}
