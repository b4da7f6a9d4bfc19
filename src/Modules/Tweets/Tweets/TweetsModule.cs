using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using ModuleKit.Data;
using ModuleKit.Settings;
using Tweets.Application;
using Tweets.Data;
using Tweets.Domain;
using Tweets.Features.DeleteTweet;
using Tweets.Features.FollowUser;
using Tweets.Features.GetGlobalTimeline;
using Tweets.Features.GetHomeTimeline;
using Tweets.Features.GetTweet;
using Tweets.Features.GetUserStats;
using Tweets.Features.GetUserTweets;
using Tweets.Features.PostTweet;
using Tweets.Features.UnfollowUser;

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
        endpoints.MapGetGlobalTimeline();
        endpoints.MapGetHomeTimeline();
        endpoints.MapGetUserTweets();
        endpoints.MapGetTweet();
        endpoints.MapDeleteTweet();
        endpoints.MapFollowUser();
        endpoints.MapUnfollowUser();
        endpoints.MapGetUserStats();
    }

    /// <inheritdoc />
    public void AddHealthChecks(IHealthChecksBuilder checks) =>
        checks.AddDbContextCheck<TweetsDbContext>("tweets-db", tags: [IModule.ReadyTag]);
}
