using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Host.IntegrationTests.Hostile;

/// <summary>
/// A Host for hostile input: Development (so <c>/openapi/v1.json</c> is served), no request-log shipping (the
/// suite's thousands of requests would only be copied into the Logging module), an admin (so admin-only endpoints get
/// past authorization to their validation) and an <see cref="ExceptionRecorder"/>.
/// </summary>
public sealed class HostileHost : HostFactory
{
    public HostileHost()
    {
        AdminId = Api.NewId("admin");
        With("RequestLogShipping:Enabled", "false");
        With("Modules:Users:Admins:0", AdminId);
    }

    /// <summary>The id that gets the admin role once signed up.</summary>
    public string AdminId { get; }

    internal ExceptionRecorder Exceptions { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
            // First among the exception handlers: it only watches, and the Host's own handler still answers.
            services.Insert(0, ServiceDescriptor.Singleton<IExceptionHandler>(Exceptions)));
    }
}
