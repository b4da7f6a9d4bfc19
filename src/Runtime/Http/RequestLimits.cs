using FluentValidation;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ModuleKit.Settings;

namespace ModuleRuntime.Http;

public static class RequestLimits
{
    /// <summary>
    /// Caps request bodies (<c>Http:MaxRequestBodyBytes</c>, 1 MiB by default): a larger body is refused with
    /// 413 problem details before it is buffered, rather than read and parsed.
    /// </summary>
    public static IServiceCollection AddRequestLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<RequestLimitOptions, RequestLimitOptionsValidator>(configuration.GetSection(RequestLimitOptions.SectionName));
        services.AddOptions<KestrelServerOptions>()
            .Configure<IOptions<RequestLimitOptions>>((kestrel, limits) => kestrel.Limits.MaxRequestBodySize = limits.Value.MaxRequestBodyBytes);
        return services;
    }
}

/// <summary>What a request may carry (<c>Http</c>).</summary>
internal sealed class RequestLimitOptions
{
    public const string SectionName = "Http";

    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;
}

internal sealed class RequestLimitOptionsValidator : AbstractValidator<RequestLimitOptions>
{
    public RequestLimitOptionsValidator() =>
        RuleFor(o => o.MaxRequestBodyBytes).GreaterThan(0).WithMessage("must be a positive number of bytes.");
}
