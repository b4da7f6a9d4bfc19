namespace Tweets.Features.GetTweetCount;

internal sealed class GetTweetCountValidator : AbstractValidator<Contracts.GetTweetCount>
{
    public GetTweetCountValidator() => RuleFor(q => q.UserId).NotEmpty().WithMessage("Give the id of the user whose tweets to count.");
}
