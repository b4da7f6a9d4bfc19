namespace ArchitectureTests.Rules.ExtractedServices;

public sealed class ExtractedServicesTests
{
    [Fact]
    public void Each_extracted_service_hosts_exactly_its_own_module() =>
        ExtractedServicesRule.Check(BuildOutput.Model).ShouldPass();

    [Fact]
    public void Every_service_folder_in_src_Extracted_reaches_the_build_output()
    {
        var extracted = Path.Combine(BuildOutput.RepositoryRoot(), "src", "Extracted");
        var folders = Directory.EnumerateDirectories(extracted)
            .Select(Path.GetFileName)
            .Where(name => File.Exists(Path.Combine(extracted, name!, $"{name}.csproj")))
            .ToList();

        folders.Should().NotBeEmpty();
        folders.Should().BeSubsetOf(BuildOutput.Model.ExtractedServices.Select(s => s.Name.Name),
            "ArchitectureTests must reference every extracted service's project so the rule checks it");
    }

    [Fact]
    public void Rule_holds_when_a_service_constructs_only_its_own_modules_entry_point()
    {
        var (alpha, beta) = (FixtureModule.Named("Alpha"), FixtureModule.Named("Beta"));

        ExtractedServicesRule.Check(Fixture.Model([alpha, beta], FixtureService.Named("Alpha", alpha))).ShouldPass();
    }

    [Fact]
    public void Rule_holds_when_a_service_uses_another_modules_contracts()
    {
        var (alpha, beta) = (FixtureModule.Named("Alpha"), FixtureModule.Named("Beta"));
        var service = FixtureService.Named("Alpha", alpha);
        service.Assembly.Field(service.Program, "question", beta.Request);

        ExtractedServicesRule.Check(Fixture.Model([alpha, beta], service)).ShouldPass();
    }

    [Fact]
    public void Rule_fails_when_a_service_hosts_a_second_module()
    {
        var (alpha, beta) = (FixtureModule.Named("Alpha"), FixtureModule.Named("Beta"));

        ExtractedServicesRule.Check(Fixture.Model([alpha, beta], FixtureService.Named("Alpha", alpha, beta)))
            .ShouldReport("Alpha.Service.Program", "Beta.BetaModule", "(assembly Beta)");
    }

    [Fact]
    public void Rule_fails_when_a_service_reaches_into_another_modules_implementation()
    {
        var (alpha, beta) = (FixtureModule.Named("Alpha"), FixtureModule.Named("Beta"));
        var service = FixtureService.Named("Alpha", alpha);
        service.Assembly.Field(service.Program, "shortcut", beta.DbContext);

        ExtractedServicesRule.Check(Fixture.Model([alpha, beta], service))
            .ShouldReport("Alpha.Service.Program", "Beta.Data.BetaDbContext", "(assembly Beta)");
    }

    [Fact]
    public void Rule_fails_when_a_service_hosts_another_module_than_its_name_says()
    {
        var (alpha, beta) = (FixtureModule.Named("Alpha"), FixtureModule.Named("Beta"));

        var result = ExtractedServicesRule.Check(Fixture.Model([alpha, beta], FixtureService.Named("Alpha", beta)));

        result.ShouldReport("Alpha.Service.Program", "Beta.BetaModule", "(assembly Beta)");
        result.ShouldReport("Alpha.Service", "does not host the Alpha module");
    }

    [Fact]
    public void Rule_fails_when_a_service_uses_the_Host()
    {
        var alpha = FixtureModule.Named("Alpha");
        var host = FixtureHost.Composing(alpha);
        var service = FixtureService.Named("Alpha", alpha);
        service.Assembly.Field(service.Program, "host", host.Program);

        ExtractedServicesRule.Check(Fixture.Output(alpha.Assemblies.Append(host.Assembly.Assembly).Append(service.Assembly.Assembly)))
            .ShouldReport("Alpha.Service.Program", "Monolith.Host.Program", $"(assembly {ModuleModel.HostAssemblyName})");
    }

    [Fact]
    public void Rule_fails_when_a_service_is_named_after_no_module()
    {
        var alpha = FixtureModule.Named("Alpha");

        ExtractedServicesRule.Check(Fixture.Model([alpha], FixtureService.Named("Gamma", alpha)))
            .ShouldReport("Gamma.Service", "is named after no module");
    }

    [Fact]
    public void Discovery_finds_a_service_only_when_it_is_built_on_the_kit()
    {
        var alpha = FixtureModule.Named("Alpha");
        var unrelated = FixtureAssembly.Named("Weather.Service");
        unrelated.Class("Weather.Forecast");

        var model = Fixture.Output(alpha.Assemblies.Append(FixtureService.Named("Alpha", alpha).Assembly.Assembly).Append(unrelated.Assembly));

        model.ExtractedServices.Select(s => s.Name.Name).Should().Equal("Alpha.Service");
    }
}
