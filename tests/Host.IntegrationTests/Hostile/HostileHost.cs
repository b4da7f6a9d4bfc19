using Host.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Host.IntegrationTests.Hostile;

/// <summary>
/// A Host for hostile input: Development (so <c>/openapi/v1.json</c> is served), no request-log shipping (the
/// suite's thousands of requests would only be copied into the Logging module), and an <see cref="ExceptionRecorder"/>.
/// </summary>
public sealed class HostileHost : HostFactory
{
    public HostileHost()
    {
        With("RequestLogShipping:Enabled", "false");
    }

    internal ExceptionRecorder Exceptions { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
            // First among the exception handlers: it only watches, and the Host's own handler still answers.
            services.Insert(0, ServiceDescriptor.Singleton<IExceptionHandler>(Exceptions)));
    }
}
