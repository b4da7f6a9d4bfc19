namespace ArchitectureTests.Diagram;

public sealed class ModuleDiagramTests
{
    [Fact]
    public void The_module_map_and_pages_in_docs_are_current()
    {
        var path = Path.Combine(BuildOutput.RepositoryRoot(), "docs", "modules.md");
        var generated = ModuleDiagram.Markdown(BuildOutput.Model, new HostFacts(HostRoutes.Read(), ModuleSettings.Read()));
        var committed = File.Exists(path) ? File.ReadAllText(path).ReplaceLineEndings("\n") : null;
        if (committed == generated)
        {
            return;
        }

        File.WriteAllText(path, generated);
        Assert.Fail($"docs/modules.md was stale and has been regenerated from the build output ({path}) — commit it.");
    }

    [Fact]
    public void The_diagram_draws_each_module_with_its_contracts_and_an_edge_to_each_module_whose_contracts_it_uses()
    {
        var (alpha, beta, gamma) = (FixtureModule.Named("Alpha"), FixtureModule.Named("Beta"), FixtureModule.Named("Gamma"));
        alpha.Implementation.Field(alpha.Handler, "beta", beta.Request);
        gamma.Implementation.Field(gamma.Handler, "beta", beta.Request);
        gamma.Implementation.Field(gamma.Handler, "alpha", alpha.Request);

        ModuleDiagram.Mermaid(Fixture.Model(gamma, beta, alpha)).Should().Be("""
            flowchart LR
                Alpha["<b>Alpha</b><br/>GetAlpha"]
                Beta["<b>Beta</b><br/>GetBeta"]
                Gamma["<b>Gamma</b><br/>GetGamma"]
                Alpha -->|GetBeta| Beta
                Gamma -->|GetAlpha| Alpha
                Gamma -->|GetBeta| Beta

            """.ReplaceLineEndings("\n"));
    }
}
