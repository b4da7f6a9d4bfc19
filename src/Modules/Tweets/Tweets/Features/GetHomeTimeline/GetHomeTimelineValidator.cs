namespace Tweets.Features.GetHomeTimeline;

internal sealed class GetHomeTimelineValidator : AbstractValidator<GetHomeTimelineQuery>
{
    public GetHomeTimelineValidator() => Include(new CursorPageRules<GetHomeTimelineQuery>());
}
