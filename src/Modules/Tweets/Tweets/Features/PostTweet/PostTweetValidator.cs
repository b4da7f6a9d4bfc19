using FluentValidation;
using Tweets.Domain;

namespace Tweets.Features.PostTweet;

internal sealed class PostTweetValidator : AbstractValidator<PostTweetCommand>
{
    public PostTweetValidator() =>
        RuleFor(c => c.Text).Custom((text, context) =>
        {
            if (TweetRules.TextProblem(text) is { } problem)
            {
                context.AddFailure(problem);
            }
        });
}
