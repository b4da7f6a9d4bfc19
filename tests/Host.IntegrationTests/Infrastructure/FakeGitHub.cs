using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Host.IntegrationTests.Infrastructure;

/// <summary>A GitHub account as the fake provider reports it from <c>/user</c>.</summary>
public sealed record GitHubUser(long Id, string Login, string? Name);

/// <summary>
/// A tiny OAuth 2.0 provider on loopback Kestrel that behaves like GitHub's three endpoints:
/// <c>/authorize</c> redirects back with a code, <c>/token</c> trades it for an access token,
/// <c>/user</c> returns the account. The test chooses who signs in by adding <c>login_as</c>
/// to the authorize URL, as a person would by signing in on GitHub's page.
/// </summary>
public sealed class FakeGitHub : IAsyncDisposable
{
    public const string ClientId = "test-client-id";
    public const string ClientSecret = "test-client-secret";

    private readonly ConcurrentDictionary<string, GitHubUser> accounts = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, GitHubUser> codes = new();
    private readonly ConcurrentDictionary<string, GitHubUser> tokens = new();
    private WebApplication? app;

    public Uri BaseAddress { get; private set; } = null!;

    public static async Task<FakeGitHub> StartAsync()
    {
        var fake = new FakeGitHub();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.MapGet("/authorize", fake.Authorize);
        app.MapPost("/token", fake.Token);
        app.MapGet("/user", fake.User);
        await app.StartAsync();
        fake.app = app;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        fake.BaseAddress = new Uri(address);
        return fake;
    }

    public string AuthorizationEndpoint => new Uri(BaseAddress, "/authorize").ToString();

    public string TokenEndpoint => new Uri(BaseAddress, "/token").ToString();

    public string UserInformationEndpoint => new Uri(BaseAddress, "/user").ToString();

    /// <summary>Makes an account known to the provider; sign in as it with <see cref="LoginAs"/>.</summary>
    public GitHubUser Add(GitHubUser user)
    {
        accounts[user.Login] = user;
        return user;
    }

    /// <summary>The authorize URL the Host redirected to, as the given person would submit it after signing in.</summary>
    public static Uri LoginAs(Uri authorize, GitHubUser user) =>
        new(authorize + "&login_as=" + Uri.EscapeDataString(user.Login));

    /// <summary>The authorize URL as submitted by a person who clicks "Cancel" instead of authorising the app.</summary>
    public static Uri Decline(Uri authorize, GitHubUser user) => new(LoginAs(authorize, user) + "&deny=1");

    private IResult Authorize(HttpRequest request)
    {
        var query = request.Query;
        if (query["client_id"] != ClientId || query["response_type"] != "code"
            || string.IsNullOrEmpty(query["redirect_uri"]) || string.IsNullOrEmpty(query["state"]))
        {
            return Results.BadRequest("authorize needs client_id, response_type=code, redirect_uri and state");
        }

        if (!accounts.TryGetValue(query["login_as"].ToString(), out var user))
        {
            return Results.BadRequest("login_as names no account of the fake provider");
        }

        var state = Uri.EscapeDataString(query["state"].ToString());
        if (query.ContainsKey("deny"))
        {
            return Results.Redirect($"{query["redirect_uri"]}?error=access_denied&error_description=The+user+declined&state={state}");
        }

        var code = Guid.NewGuid().ToString("N");
        codes[code] = user;
        return Results.Redirect($"{query["redirect_uri"]}?code={code}&state={state}");
    }

    private async Task<IResult> Token(HttpRequest request)
    {
        var form = await request.ReadFormAsync();
        var (clientId, clientSecret) = Credentials(request, form);
        if (clientId != ClientId || clientSecret != ClientSecret)
        {
            return Results.Json(new { error = "incorrect_client_credentials" }, statusCode: 401);
        }

        if (form["grant_type"] != "authorization_code" || !codes.TryRemove(form["code"].ToString(), out var user))
        {
            return Results.Json(new { error = "bad_verification_code" }, statusCode: 400);
        }

        var token = Guid.NewGuid().ToString("N");
        tokens[token] = user;
        return Results.Json(new { access_token = token, token_type = "bearer", scope = "read:user" });
    }

    private IResult User(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        const string prefix = "Bearer ";
        if (!header.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
            || !tokens.TryGetValue(header[prefix.Length..], out var user))
        {
            return Results.Json(new { message = "Bad credentials" }, statusCode: 401);
        }

        return Results.Json(new { id = user.Id, login = user.Login, name = user.Name });
    }

    private static (string? Id, string? Secret) Credentials(HttpRequest request, IFormCollection form)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            var decoded = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..]));
            var parts = decoded.Split(':', 2);
            return (Uri.UnescapeDataString(parts[0]), Uri.UnescapeDataString(parts[1]));
        }

        return (form["client_id"], form["client_secret"]);
    }

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
