namespace Tweets.Features.GetGlobalTimeline;

internal sealed class GetGlobalTimelineValidator : AbstractValidator<GetGlobalTimelineQuery>
{
    public GetGlobalTimelineValidator() => Include(new CursorPageRules<GetGlobalTimelineQuery>());
}
