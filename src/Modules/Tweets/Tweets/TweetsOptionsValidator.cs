using ModuleKit.Settings;

namespace Tweets;

internal sealed class TweetsOptionsValidator : AbstractValidator<TweetsOptions>
{
    public TweetsOptionsValidator() =>
        RuleFor(o => o.Paging).SetValidator(new PageSizeRules(
            TweetsOptions.MaxPageSizeLimit, "a page's authors are named in one GetUserSummaries call, which takes no more ids."));
}
