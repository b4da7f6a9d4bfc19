using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ModuleKit;
using ModuleKit.Http;

namespace ModuleRuntime.Http;

public static class RequestLimits
{
    public const string MaxBodyKey = "Http:MaxRequestBodyBytes";
    public const long DefaultMaxBodyBytes = 1024 * 1024;

    /// <summary>
    /// Caps request bodies (<c>Http:MaxRequestBodyBytes</c>, 1 MiB by default): a larger body is refused with
    /// 413 problem details before it is buffered, rather than read and parsed.
    /// </summary>
    public static IServiceCollection AddRequestLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var max = configuration.GetValue(MaxBodyKey, DefaultMaxBodyBytes);
        if (max <= 0)
        {
            throw new InvalidOperationException($"{MaxBodyKey} must be a positive number of bytes.");
        }

        services.Configure<KestrelServerOptions>(options => options.Limits.MaxRequestBodySize = max);
        return services;
    }
}
