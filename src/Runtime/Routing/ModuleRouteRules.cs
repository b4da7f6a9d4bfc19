using FluentValidation;

namespace ModuleRuntime.Routing;

/// <summary>The checks of a module's routing settings (<c>Modules:&lt;Name&gt;</c>), at start-up and on every reload.</summary>
internal sealed class ModuleRouteRules : AbstractValidator<ModuleRouteOptions>
{
    public ModuleRouteRules()
    {
        RuleForEach(o => o.Destinations).Must(IsBaseUrl)
            .WithMessage((_, address) => $"is '{address}', which is not an http(s) base URL such as http://127.0.0.1:5201.");
        RuleFor(o => o.CanaryPercent).InclusiveBetween(0, 100).WithMessage("must be between 0 and 100.");
        RuleFor(o => o.Shadow).InclusiveBetween(0, 100).WithMessage("must be between 0 and 100.");
        RuleFor(o => o.Remote.Timeout).GreaterThan(TimeSpan.Zero).WithMessage("must be a positive duration such as 00:00:05.");
        RuleFor(o => o.Remote.QueryRetries).InclusiveBetween(0, 10).WithMessage("must be between 0 and 10.");
        RuleFor(o => o.HealthCheck.Interval).GreaterThan(TimeSpan.Zero).WithMessage("must be a positive duration.");
        RuleFor(o => o.Faults.Local).SetValidator(new FaultRules());
        RuleFor(o => o.Faults.Remote).SetValidator(new FaultRules());
    }

    private static bool IsBaseUrl(string address)
    {
        try
        {
            _ = ModuleRouter.ParseDestination(address);
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private sealed class FaultRules : AbstractValidator<FaultOptions>
    {
        public FaultRules()
        {
            RuleFor(f => f.LatencyRate).InclusiveBetween(0, 1).WithMessage("must be between 0 and 1.");
            RuleFor(f => f.FailureRate).InclusiveBetween(0, 1).WithMessage("must be between 0 and 1.");
        }
    }
}
