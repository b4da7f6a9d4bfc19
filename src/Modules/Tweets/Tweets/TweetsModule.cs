using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using ModuleKit;
using ModuleKit.Data;
using ModuleKit.Settings;
using Tweets.Data;
using Tweets.Domain;
using Tweets.Features.DeleteTweet;
using Tweets.Features.FollowUser;
using Tweets.Features.GetTweet;
using Tweets.Features.PostTweet;
using Tweets.Features.Timelines;
using Tweets.Features.UserStats;

namespace Tweets;

/// <summary>Tweets, follows and timelines; authors' names come from the Users module's contract.</summary>
public sealed class TweetsModule : IModule
{
    internal const string Prefix = "/api/tweets";

    /// <inheritdoc />
    public string Name => "Tweets";

    /// <inheritdoc />
    public string RoutePrefix => Prefix;

    /// <inheritdoc />
    public void AddServices(IServiceCollection services, ModuleContext context)
    {
        services.AddValidatedOptions<TweetsOptions, TweetsOptionsValidator>(context.Configuration);
        services.AddModuleDatabase<TweetsDbContext>(Name, context);
        services.AddScoped<TweetViews>();
        services.AddScoped<MemberDirectory>();
    }

    /// <inheritdoc />
    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPostTweet();
        endpoints.MapTimelines();
        endpoints.MapGetTweet();
        endpoints.MapDeleteTweet();
        endpoints.MapFollowing();
        endpoints.MapGetUserStats();
    }

    /// <inheritdoc />
    public void AddHealthChecks(IHealthChecksBuilder checks) =>
        checks.AddDbContextCheck<TweetsDbContext>("tweets-db", tags: [IModule.ReadyTag]);
}
