using ModuleKit.Mediation;
using Tweets.Domain;

namespace Tweets.Features.PostTweet;

internal sealed class PostTweetValidator : AbstractValidator<PostTweetCommand>
{
    public PostTweetValidator() => RuleFor(c => c.Text).HasNoProblem(TweetRules.TextProblem);
}
