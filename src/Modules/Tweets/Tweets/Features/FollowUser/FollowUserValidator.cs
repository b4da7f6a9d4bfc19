using Tweets.Domain;

namespace Tweets.Features.FollowUser;

internal sealed class FollowUserValidator : AbstractValidator<FollowUserCommand>
{
    public FollowUserValidator() =>
        RuleFor(c => c.FolloweeId)
            .Must((command, followee) => UserKey.Of(followee) != UserKey.Of(command.FollowerId))
            .OverridePropertyName("userId")
            .WithMessage("You cannot follow yourself; your own tweets are on your home timeline already.");
}
