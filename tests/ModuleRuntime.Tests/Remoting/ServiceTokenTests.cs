using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using ModuleKit.Auth;
using ModuleRuntime.Tests.Routing;
using ModuleRuntime.Auth;
using ModuleRuntime.Remoting;

namespace ModuleRuntime.Tests.Remoting;

/// <summary>The tokens one process shows another's internal endpoints: cached per subject, checked like any access token.</summary>
public sealed class ServiceTokenTests : IDisposable
{
    private readonly ManualClock clock = new(DateTimeOffset.UtcNow);
    private readonly CallingProcess process;

    public ServiceTokenTests() => process = new CallingProcess(new Dictionary<string, string?>(), clock);

    public void Dispose() => process.Dispose();

    [Fact]
    public void The_same_subject_gets_the_same_token_and_another_subject_another()
    {
        var alice = process.Tokens.For("alice");

        process.Tokens.For("alice").Should().BeSameAs(alice);
        process.Tokens.For("bob").Should().NotBe(alice);
        process.Tokens.For(null).Should().Be(process.Tokens.For(string.Empty), "a call for nobody in particular is the service's own");
    }

    [Fact]
    public void A_cached_token_is_renewed_before_it_expires()
    {
        var first = process.Tokens.For("alice");

        clock.Advance(TimeSpan.FromMinutes(4));
        process.Tokens.For("alice").Should().Be(first);

        clock.Advance(TimeSpan.FromMinutes(2));
        process.Tokens.For("alice").Should().NotBe(first, "half its ten-minute lifetime has passed");
    }

    [Fact]
    public async Task A_service_token_passes_the_bearer_validation_every_process_runs_with_the_service_role_and_the_user_as_subject()
    {
        var result = await Validate(process, process.Tokens.For("alice"));

        result.IsValid.Should().BeTrue(result.Exception?.Message);
        result.Claims[TokenClaims.Subject].Should().Be("alice");
        result.Claims[TokenClaims.Role].Should().Be(ServiceTokens.Role);
    }

    [Fact]
    public async Task A_service_token_for_nobody_in_particular_names_the_calling_service()
    {
        var result = await Validate(process, process.Tokens.For(null));

        result.IsValid.Should().BeTrue(result.Exception?.Message);
        result.Claims[TokenClaims.Subject].Should().Be("service:Calling.Service");
    }

    [Fact]
    public async Task A_service_token_signed_with_another_key_is_refused()
    {
        using var stranger = new CallingProcess(new Dictionary<string, string?>());

        var result = await Validate(process, stranger.Tokens.For("alice"));

        result.IsValid.Should().BeFalse();
    }

    private static Task<Microsoft.IdentityModel.Tokens.TokenValidationResult> Validate(CallingProcess validator, string token)
    {
        var bearer = validator.Get<IOptionsMonitor<JwtBearerOptions>>().Get(JwtBearerDefaults.AuthenticationScheme);
        return new JsonWebTokenHandler().ValidateTokenAsync(token, bearer.TokenValidationParameters);
    }
}
