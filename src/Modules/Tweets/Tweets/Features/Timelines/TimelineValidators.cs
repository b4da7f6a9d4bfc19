using FluentValidation;
using ModuleKit.Paging;

namespace Tweets.Features.Timelines;

internal sealed class GetGlobalTimelineValidator : AbstractValidator<GetGlobalTimelineQuery>
{
    public GetGlobalTimelineValidator() => Include(new CursorPageRules<GetGlobalTimelineQuery>());
}

internal sealed class GetUserTweetsValidator : AbstractValidator<GetUserTweetsQuery>
{
    public GetUserTweetsValidator() => Include(new CursorPageRules<GetUserTweetsQuery>());
}

internal sealed class GetHomeTimelineValidator : AbstractValidator<GetHomeTimelineQuery>
{
    public GetHomeTimelineValidator() => Include(new CursorPageRules<GetHomeTimelineQuery>());
}
