using System.Security.Cryptography;

namespace Host.IntegrationTests.Hosting;

/// <summary>Bad configuration stops the Host at start-up with a message naming the setting, instead of failing requests later.</summary>
public sealed class StartupConfigurationTests
{
    [Theory]
    [InlineData("Modules:Users:Lockout:Duration", "-00:01:00", "Modules:Users:Lockout:Duration")]
    [InlineData("Modules:Users:Lockout:MaxFailedAttempts", "0", "Modules:Users:Lockout:MaxFailedAttempts")]
    [InlineData("Modules:Users:Paging:Max", "2", "Modules:Users:Paging:Max")]
    [InlineData("Modules:Users:Paging:MaxPageSize", "20", "Modules:Users:Paging:Max")]
    [InlineData("Modules:Users:Paging:DefaultPageSize", "5", "Modules:Users:Paging:Default")]
    [InlineData("Auth:Jwt:Issuer", " ", "Auth:Jwt:Issuer")]
    [InlineData("Auth:Jwt:AccessTokenLifetime", "00:00:00", "Auth:Jwt:AccessTokenLifetime")]
    [InlineData("Serilog:ConsoleFormat", "xml", "Serilog:ConsoleFormat")]
    [InlineData("Http:MaxRequestBodyBytes", "0", "Http:MaxRequestBodyBytes")]
    [InlineData("Modules:Users:Database:Provider", "Oracle", "Modules:Users:Database:Provider")]
    [InlineData("Registry:HeartbeatInterval", "00:01:00", "Registry:HeartbeatInterval")]
    [InlineData("Discovery:Sources:0", "Eureka", "Discovery:Sources")]
    [InlineData("Discovery:Sources:0", "Dns", "Microsoft.Extensions.ServiceDiscovery.Dns")]
    public async Task A_bad_setting_stops_the_Host_at_start_up_naming_the_setting(string key, string value, string named)
    {
        await using var host = new HostFactory().With(key, value);

        var start = () => host.Address;

        start.Should().Throw<Exception>().Where(e => Messages(e).Any(m => m.Contains(named, StringComparison.Ordinal)),
            "the error must name {0}", named);
    }

    [Fact]
    public async Task Two_bad_token_settings_are_named_together_in_the_message_that_stops_the_Host()
    {
        await using var host = new HostFactory().With("Auth:Jwt:Issuer", " ").With("Auth:Jwt:AccessTokenLifetime", "00:00:00");

        var start = () => host.Address;

        start.Should().Throw<Exception>().Where(e => Messages(e).Any(m =>
            m.Contains("Auth:Jwt:Issuer must not be empty; Auth:Jwt:AccessTokenLifetime must be a positive duration", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_signing_key_in_configuration_that_is_not_a_key_stops_the_Host_at_start_up()
    {
        await using var host = new HostFactory().With("Auth:Jwt:SigningKey", "not a key");

        var start = () => host.Address;

        start.Should().Throw<Exception>().Where(e => Messages(e).Any(m => m.Contains("Auth:Jwt:SigningKey", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_signing_key_in_configuration_without_its_private_part_stops_the_Host_at_start_up()
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        await using var host = new HostFactory().With("Auth:Jwt:SigningKey", ec.ExportSubjectPublicKeyInfoPem());

        var startAndLogIn = async () =>
        {
            // Were start-up to accept the key, the first log-in is where the missing private key would show.
            var client = host.CreateApiClient();
            var id = await client.SignUpNew();
            using var response = await client.LogIn(id);
            response.StatusCode.Should().NotBe(HttpStatusCode.InternalServerError, await response.Content.ReadAsStringAsync());
        };

        (await startAndLogIn.Should().ThrowAsync<Exception>())
            .Where(e => Messages(e).Any(m => m.Contains("Auth:Jwt:SigningKey", StringComparison.Ordinal)),
                "a public key cannot sign tokens, so it must be refused when the Host starts");
    }

    private static IEnumerable<string> Messages(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            yield return e.Message;
            if (e is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Messages))
                {
                    yield return inner;
                }
            }
        }
    }
}
