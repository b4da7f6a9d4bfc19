using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using ModuleKit.Data;
using ModuleKit.Settings;
using Users.Application;
using Users.Data;
using Users.Domain;
using Users.Features.ChangePassword;
using Users.Features.GetMe;
using Users.Features.GetUser;
using Users.Features.ListUsers;
using Users.Features.LogIn;
using Users.Features.LogOut;
using Users.Features.RefreshSession;
using Users.Features.RemoveUser;
using Users.Features.PublishSigningKeys;
using Users.Features.SignInWithGitHub;
using Users.Features.SignUp;
using Users.Features.UpdateProfile;

namespace Users;

/// <summary>Accounts: sign-up, log-in with a password or GitHub, log-in throttling, sessions (access and refresh tokens), password change, removal and the user list.</summary>
public sealed class UsersModule : IModule
{
    internal const string Prefix = "/api/users";

    /// <inheritdoc />
    public string Name => "Users";

    /// <inheritdoc />
    public string RoutePrefix => Prefix;

    /// <inheritdoc />
    public void AddServices(IServiceCollection services, ModuleContext context)
    {
        RefuseRenamedPagingKeys(context.Configuration);
        services.AddValidatedOptions<UsersOptions, UsersOptionsValidator>(context.Configuration);
        services.AddModuleDatabase<UsersDbContext>(Name, context);
        services.AddSingleton<IModuleInitializer, AdminAccountsCheck>();
        services.AddOptions<PasswordHasherOptions>().Configure<IOptions<UsersOptions>>((hashing, users) =>
        {
            hashing.CompatibilityMode = PasswordHasherCompatibilityMode.IdentityV3;
            hashing.IterationCount = users.Value.Passwords.Iterations;
        });
        services.AddSingleton<IPasswordHasher<User>, PasswordHasher<User>>();
        services.AddSingleton<Passwords>();
        AccessTokenIssuer.AddSigningKeys(services, context);
        services.AddSingleton<AccessTokenIssuer>();
        services.AddScoped<UserRegistration>();
        services.AddScoped<LogInThrottling>();
        services.AddScoped<Sessions>();

        // Authentication schemes must be known before the container is built, so this reads configuration directly.
        var gitHub = context.Configuration.GetSection("GitHub").Get<UsersOptions.GitHubOptions>() ?? new();
        if (gitHub.Enabled)
        {
            GitHubAuthentication.Add(services, gitHub);
        }
    }

    /// <inheritdoc />
    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapSignUp();
        endpoints.MapLogIn();
        endpoints.MapRefreshSession();
        endpoints.MapLogOut();
        endpoints.MapChangePassword();
        endpoints.MapRemoveUser();
        endpoints.MapGitHubLogin(endpoints.ServiceProvider.GetRequiredService<IOptions<UsersOptions>>().Value.GitHub.Enabled);
        endpoints.MapGetMe();
        endpoints.MapUpdateProfile();
        endpoints.MapListUsers();
        endpoints.MapGetUser();
    }

    /// <inheritdoc />
    public void MapRootEndpoints(IEndpointRouteBuilder root) => root.MapPublishSigningKeys();

    /// <inheritdoc />
    public void AddHealthChecks(IHealthChecksBuilder checks) =>
        checks.AddDbContextCheck<UsersDbContext>("users-db", tags: [IModule.ReadyTag]);

    // The user list's page sizes took the kit's names (Default, Max); an old key would otherwise be ignored in silence.
    private static void RefuseRenamedPagingKeys(IConfiguration section)
    {
        foreach (var (old, current) in new[] { ("DefaultPageSize", "Default"), ("MaxPageSize", "Max") })
        {
            if (section.GetSection($"Paging:{old}").Value is not null)
            {
                throw new InvalidOperationException(
                    $"Modules:Users:Paging:{old} is now called Modules:Users:Paging:{current}; rename it in your settings.");
            }
        }
    }
}
