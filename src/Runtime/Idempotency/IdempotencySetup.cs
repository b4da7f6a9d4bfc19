using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ModuleKit.Settings;

namespace ModuleRuntime.Idempotency;

public static class IdempotencySetup
{
    /// <summary>The request header that makes a state-changing request safe to send again (docs/adr/0031).</summary>
    public const string KeyHeader = "Idempotency-Key";

    /// <summary>The <c>Idempotency</c> settings, checked at start-up, and the sweeper of expired keys.</summary>
    public static IServiceCollection AddIdempotencyKeys(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<IdempotencyOptions, IdempotencyOptionsValidator>(configuration.GetSection(IdempotencyOptions.Section));
        services.AddHostedService<RememberedRequestSweeper>();
        return services;
    }

    /// <summary>After authentication (keys are per caller) and routing (only module endpoints remember answers).</summary>
    public static IApplicationBuilder UseIdempotencyKeys(this IApplicationBuilder app) => app.UseMiddleware<IdempotentRequests>();
}
