using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ModuleRuntime.Idempotency;

public static class IdempotencySetup
{
    /// <summary>The request header that makes a state-changing request safe to send again (docs/adr/0031).</summary>
    public const string KeyHeader = "Idempotency-Key";

    /// <summary>The <c>Idempotency</c> settings, checked at start-up, and the sweeper of expired keys.</summary>
    public static IServiceCollection AddIdempotencyKeys(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<IdempotencyOptions>()
            .Bind(configuration.GetSection(IdempotencyOptions.Section))
            .Validate(o => o.Retention > TimeSpan.Zero, "Idempotency:Retention must be a positive duration such as 1.00:00:00 (one day).")
            .Validate(o => o.SweepInterval > TimeSpan.Zero, "Idempotency:SweepInterval must be a positive duration such as 00:10:00.")
            .ValidateOnStart();
        services.AddHostedService<RememberedRequestSweeper>();
        return services;
    }

    /// <summary>After authentication (keys are per caller) and routing (only module endpoints remember answers).</summary>
    public static IApplicationBuilder UseIdempotencyKeys(this IApplicationBuilder app) => app.UseMiddleware<IdempotentRequests>();
}
