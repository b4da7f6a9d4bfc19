namespace Tweets.Features.GetUserTweets;

internal sealed class GetUserTweetsValidator : AbstractValidator<GetUserTweetsQuery>
{
    public GetUserTweetsValidator() => Include(new CursorPageRules<GetUserTweetsQuery>());
}
