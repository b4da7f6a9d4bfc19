using System.Globalization;
using System.Threading.RateLimiting;
using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ModuleKit.Http;
using ModuleKit.Problems;
using ModuleKit.Settings;

namespace ModuleRuntime.Http;

/// <summary>
/// ASP.NET Core's rate limiter with the policies of <see cref="RateLimitPolicies"/>: fixed windows keyed by the client's
/// address (<see cref="ClientAddress"/>, so a request forwarded by the front door counts against its real client) or
/// by the signed-in user. Each process counts the requests it serves itself: the front door forwards before routing,
/// so a request served by an extracted instance is counted there, once, and a caller that goes around the front
/// door meets the same limits (docs/adr/0038).
/// </summary>
public static class RateLimits
{
    public static IServiceCollection AddModuleRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<RateLimitOptions, RateLimitOptionsValidator>(configuration.GetSection(RateLimitOptions.SectionName));
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptionsMonitor<RateLimitOptions>>((limiter, settings) =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = Refuse;
            limiter.AddPolicy(RateLimitPolicies.SignUp, http => PerClient(http, settings.CurrentValue.SignUp, RateLimitPolicies.SignUp));
            limiter.AddPolicy(RateLimitPolicies.LogIn, http => PerClient(http, settings.CurrentValue.LogIn, RateLimitPolicies.LogIn));
            limiter.AddPolicy(RateLimitPolicies.Refresh, http => PerClient(http, settings.CurrentValue.Refresh, RateLimitPolicies.Refresh));
            limiter.AddPolicy(RateLimitPolicies.LogIngestion, http => PerClient(http, settings.CurrentValue.LogIngestion, RateLimitPolicies.LogIngestion));
            limiter.AddPolicy(RateLimitPolicies.Writes, http => PerUserWrite(http, settings.CurrentValue.Writes));
        });
        return services;
    }

    private static RateLimitPartition<string> PerClient(HttpContext http, RateLimitOptions.FixedWindow window, string policy) =>
        RateLimitPartition.GetFixedWindowLimiter($"{policy}|{ClientAddress.Of(http) ?? "unknown"}", _ => window.ToLimiterOptions());

    // Reads and anonymous calls are not counted here: an anonymous change is refused by authorization anyway, and the
    // endpoints open to anonymous callers (sign-up, log-in, log ingestion) name a per-address policy of their own.
    private static RateLimitPartition<string> PerUserWrite(HttpContext http, RateLimitOptions.FixedWindow window)
    {
        var user = http.User.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name } ? name : null;
        var method = http.Request.Method;
        return user is null || HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method)
            ? RateLimitPartition.GetNoLimiter(string.Empty)
            : RateLimitPartition.GetFixedWindowLimiter($"{RateLimitPolicies.Writes}|{user}", _ => window.ToLimiterOptions());
    }

    private static async ValueTask Refuse(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? (int)Math.Ceiling(Math.Max(1, retryAfter.TotalSeconds))
            : 1;
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status429TooManyRequests,
            Type = ProblemTypes.TooManyRequests,
            Title = "Too many requests",
            Detail = string.Create(CultureInfo.InvariantCulture,
                $"Too many requests of this kind from you in a short time. Try again in {seconds} second(s)."),
            Extensions = { ["retryAfterSeconds"] = seconds },
        };
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = problem,
        });
    }
}

/// <summary>The limits of <see cref="RateLimits"/> (<c>RateLimits</c>): each a number of requests per window.</summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "RateLimits";

    public FixedWindow SignUp { get; set; } = new() { PermitLimit = 5, Window = TimeSpan.FromMinutes(10) };

    public FixedWindow LogIn { get; set; } = new() { PermitLimit = 10, Window = TimeSpan.FromMinutes(1) };

    public FixedWindow Refresh { get; set; } = new() { PermitLimit = 30, Window = TimeSpan.FromMinutes(1) };

    public FixedWindow LogIngestion { get; set; } = new() { PermitLimit = 6000, Window = TimeSpan.FromMinutes(1) };

    public FixedWindow Writes { get; set; } = new() { PermitLimit = 60, Window = TimeSpan.FromMinutes(1) };

    public sealed class FixedWindow
    {
        public int PermitLimit { get; set; }

        public TimeSpan Window { get; set; }

        // No queue: a refused request is answered at once, never held while a connection waits.
        internal FixedWindowRateLimiterOptions ToLimiterOptions() => new()
        {
            PermitLimit = PermitLimit,
            Window = Window,
            QueueLimit = 0,
            AutoReplenishment = true,
        };
    }
}

internal sealed class RateLimitOptionsValidator : AbstractValidator<RateLimitOptions>
{
    public RateLimitOptionsValidator()
    {
        RuleFor(o => o.SignUp).SetValidator(new FixedWindowRules());
        RuleFor(o => o.LogIn).SetValidator(new FixedWindowRules());
        RuleFor(o => o.Refresh).SetValidator(new FixedWindowRules());
        RuleFor(o => o.LogIngestion).SetValidator(new FixedWindowRules());
        RuleFor(o => o.Writes).SetValidator(new FixedWindowRules());
    }

    private sealed class FixedWindowRules : AbstractValidator<RateLimitOptions.FixedWindow>
    {
        public FixedWindowRules()
        {
            RuleFor(w => w.PermitLimit).GreaterThanOrEqualTo(1).WithMessage("must be at least 1.");
            RuleFor(w => w.Window).GreaterThan(TimeSpan.Zero).WithMessage("must be a positive duration such as 00:01:00.");
        }
    }
}
