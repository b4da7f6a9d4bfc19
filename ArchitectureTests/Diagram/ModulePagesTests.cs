using ContractKinds;
using MediatR;
using ModuleKit.Events;

namespace ArchitectureTests.Diagram;

public sealed class ModulePagesTests
{
    [Fact]
    public void A_page_lists_contracts_with_their_kind_events_published_and_handled_routes_and_settings()
    {
        var (alpha, beta) = (FixtureModule.Named("Alpha"), FixtureModule.Named("Beta"));
        var text = alpha.Contracts.Import(typeof(string));
        alpha.Contracts.Class("Alpha.Contracts.ArchiveAlpha", isPublic: true,
            interfaces: [alpha.Contracts.Generic(typeof(IRequest<>), text), alpha.Contracts.Generic(typeof(ICommand<>), text)]);
        var archived = alpha.Contracts.Class("Alpha.Contracts.AlphaArchived", isPublic: true, interfaces: alpha.Contracts.Import(typeof(INotification)));
        alpha.Implementation.MethodCalling(alpha.Handler, "Archive",
            alpha.Implementation.GenericMethod(alpha.Implementation.Import(typeof(Outbox)), nameof(Outbox.AddEvent), archived));
        beta.Implementation.Class("Beta.Features.OnAlphaArchived",
            interfaces: beta.Implementation.Generic(typeof(INotificationHandler<>), archived));
        var host = new HostFacts(
            new[] { ("Alpha", new PublicRoute("GET", "/api/alpha/{id}")), ("Alpha", new PublicRoute("POST", "/api/alpha")) }
                .ToLookup(r => r.Item1, r => r.Item2),
            ModuleSettings.Parse("""{ "Modules": { "Beta": { "Paging": { "Max": 50 }, "Names": [] } } }"""));

        ModulePages.Markdown(Fixture.Model(alpha, beta), host).Should().Be("""

            ## Alpha

            Entry point `Alpha.AlphaModule`.

            ### Contracts served

            | Contract | Kind | Response |
            | --- | --- | --- |
            | `ArchiveAlpha` | command | `string` |
            | `GetAlpha` | query | `string` |

            ### Events published

            | Event | Added to the outbox by |
            | --- | --- |
            | `AlphaArchived` | `Alpha.Features.GetAlphaHandler` |

            ### Events handled

            None.

            ### Public routes

            | Method | Route |
            | --- | --- |
            | GET | `/api/alpha/{id}` |
            | POST | `/api/alpha` |

            ### Configuration: `Modules:Alpha`, defaults from src/Host/appsettings.json

            None.

            ## Beta

            Entry point `Beta.BetaModule`.

            ### Contracts served

            | Contract | Kind | Response |
            | --- | --- | --- |
            | `GetBeta` | query | `string` |

            ### Events published

            None.

            ### Events handled

            | Event | From | Handler |
            | --- | --- | --- |
            | `AlphaArchived` | Alpha | `Beta.Features.OnAlphaArchived` |

            ### Public routes

            None.

            ### Configuration: `Modules:Beta`, defaults from src/Host/appsettings.json

            | Key | Default |
            | --- | --- |
            | `Paging:Max` | `50` |
            | `Names` | `[]` |

            """.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void The_Host_routes_of_a_module_are_its_endpoints_under_its_prefix_and_its_root_endpoints()
    {
        var routes = HostRoutes.Read();

        routes.Select(g => g.Key).Should().BeEquivalentTo(BuildOutput.Model.Modules.Select(m => m.Name));
        routes["Tweets"].Should().Contain(new PublicRoute("POST", "/api/tweets/"));
        routes["Tweets"].Should().OnlyContain(r => r.Pattern.StartsWith("/api/tweets", StringComparison.Ordinal));
        routes["Logging"].Should().Contain(new PublicRoute("POST", "/log"), "the bare /log is a root endpoint of the Logging module");
        routes.SelectMany(g => g).Should().NotContain(r => r.Pattern.StartsWith("/internal", StringComparison.Ordinal));
    }
}
