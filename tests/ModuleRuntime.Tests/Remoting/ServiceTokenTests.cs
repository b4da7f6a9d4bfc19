using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using ModuleKit.Auth;
using ModuleRuntime.Auth;
using ModuleRuntime.Remoting;
using ModuleRuntime.Tests.Routing;

namespace ModuleRuntime.Tests.Remoting;

/// <summary>
/// The tokens one process shows another's internal endpoints: in one module's name, for one module, signed with that
/// module's own credential, cached per caller, audience and subject (docs/adr/0037).
/// </summary>
public sealed class ServiceTokenTests : IDisposable
{
    private static readonly string Tweets = ServiceTokens.Of("Tweets");

    private readonly ManualClock clock = new(DateTimeOffset.UtcNow);
    private readonly CallingProcess process;

    public ServiceTokenTests() => process = new CallingProcess(new Dictionary<string, string?>(), clock);

    public void Dispose() => process.Dispose();

    [Fact]
    public void The_same_caller_audience_and_subject_get_the_same_token_and_anything_else_another()
    {
        var alice = process.Tokens.For(CallingProcess.Module, Tweets, "alice");

        process.Tokens.For(CallingProcess.Module, Tweets, "alice").Should().BeSameAs(alice);
        process.Tokens.For(CallingProcess.Module, Tweets, "bob").Should().NotBe(alice);
        process.Tokens.For(CallingProcess.Module, ServiceTokens.Of("Logging"), "alice").Should().NotBe(alice, "a token is for one callee");
        process.Tokens.For(CallingProcess.Module, Tweets, null).Should().Be(process.Tokens.For(CallingProcess.Module, Tweets, string.Empty));
    }

    [Fact]
    public void A_cached_token_is_renewed_before_it_expires()
    {
        var first = process.Tokens.For(CallingProcess.Module, Tweets, "alice");

        clock.Advance(TimeSpan.FromMinutes(4));
        process.Tokens.For(CallingProcess.Module, Tweets, "alice").Should().Be(first);

        clock.Advance(TimeSpan.FromMinutes(2));
        process.Tokens.For(CallingProcess.Module, Tweets, "alice").Should().NotBe(first, "half its ten-minute lifetime has passed");
    }

    [Fact]
    public async Task A_service_token_is_issued_by_the_calling_module_for_the_module_called_with_the_user_as_subject()
    {
        var result = await Validate(process, process.Tokens.For(CallingProcess.Module, Tweets, "alice"));

        result.IsValid.Should().BeTrue(result.Exception?.Message);
        result.Claims["iss"].Should().Be("module:Users");
        result.Claims["aud"].Should().Be("module:Tweets");
        result.Claims[TokenClaims.Subject].Should().Be("alice");
        result.Claims.Should().NotContainKey(TokenClaims.Role, "a service token carries no role a user endpoint could honour");
    }

    [Fact]
    public async Task A_service_token_for_nobody_in_particular_names_the_calling_module()
    {
        var result = await Validate(process, process.Tokens.For(CallingProcess.Module, Tweets, null));

        result.IsValid.Should().BeTrue(result.Exception?.Message);
        result.Claims[TokenClaims.Subject].Should().Be("module:Users");
    }

    [Fact]
    public void A_process_cannot_sign_for_a_module_whose_credential_it_does_not_hold()
    {
        var signing = () => process.Tokens.For("Tweets", ServiceTokens.Of("Users"), "alice");

        signing.Should().Throw<InvalidOperationException>().WithMessage("*does not hold the service credential of the Tweets module*");
    }

    [Fact]
    public async Task A_service_token_signed_with_another_key_is_refused()
    {
        using var stranger = new CallingProcess(new Dictionary<string, string?>());

        var result = await Validate(process, stranger.Tokens.For(CallingProcess.Module, Tweets, "alice"));

        result.IsValid.Should().BeFalse();
        result.Exception.Should().BeAssignableTo<SecurityTokenSignatureKeyNotFoundException>();
    }

    [Fact]
    public async Task A_modules_key_validates_only_tokens_issued_in_that_modules_name()
    {
        // The validator knows Tweets' public key and holds Users' credential; a token claiming to be from Tweets but
        // signed with Users' key is refused: a credential speaks for its own module alone.
        var tweetsKey = CallingProcess.NewKey();
        using var validator = new CallingProcess(new Dictionary<string, string?> { ["Auth:Services:Modules:Tweets:PublicKey"] = CallingProcess.PublicKey(tweetsKey) });
        var usersKey = SigningKey.LoadOrCreate(Path.Combine(validator.Data.Path, "service-keys", "users.pem"));

        var forged = Sign(usersKey, "module:Tweets", "module:Users");
        var genuine = Sign(SigningKey.FromPem(tweetsKey, "test"), "module:Tweets", "module:Users");

        (await Validate(validator, forged)).IsValid.Should().BeFalse();
        (await Validate(validator, genuine)).IsValid.Should().BeTrue();
    }

    [Fact]
    public async Task A_service_token_is_not_a_user_token_nor_the_other_way_round()
    {
        var userKey = CallingProcess.NewKey();
        using var validator = new CallingProcess(new Dictionary<string, string?> { ["Auth:Jwt:PublicKeys:0"] = CallingProcess.PublicKey(userKey) });
        var userToken = Sign(SigningKey.FromPem(userKey, "test"), "monolith", "monolith-api");
        var serviceToken = validator.Tokens.For(CallingProcess.Module, Tweets, "alice");

        (await Validate(validator, userToken)).IsValid.Should().BeFalse("a user token is not signed by a module");
        (await Validate(validator, serviceToken, JwtBearerDefaults.AuthenticationScheme)).IsValid.Should().BeFalse("a module's key signs no user token");
        (await Validate(validator, userToken, JwtBearerDefaults.AuthenticationScheme)).IsValid.Should().BeTrue();
    }

    private static string Sign(SigningKey key, string issuer, string audience) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = issuer,
        Audience = audience,
        Expires = DateTime.UtcNow.AddMinutes(5),
        SigningCredentials = key.Credentials,
        Claims = new Dictionary<string, object> { [TokenClaims.Subject] = "alice" },
    });

    private static Task<TokenValidationResult> Validate(CallingProcess validator, string token, string scheme = ServiceTokens.Scheme)
    {
        var bearer = validator.Get<IOptionsMonitor<JwtBearerOptions>>().Get(scheme);
        return new JsonWebTokenHandler().ValidateTokenAsync(token, bearer.TokenValidationParameters);
    }
}
