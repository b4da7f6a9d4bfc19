using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Host.IntegrationTests.Events;

/// <summary>
/// A Host whose events travel through RabbitMQ, with short retry and reconnect timings, a watch on its inbox saves,
/// and a configured admin for the module map.
/// </summary>
public sealed class BrokerHost : HostFactory
{
    public const int MaxDeliveryAttempts = 3;

    public BrokerHost(string brokerUri, string? dataDirectory = null)
    {
        AdminId = Api.NewId("ops_admin");
        With("Modules:Users:Admins:0", AdminId);
        With("Events:Transport", "RabbitMq");
        With("Events:RabbitMq:Uri", brokerUri);
        With("Events:RabbitMq:MaxDeliveryAttempts", MaxDeliveryAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture));
        With("Events:RabbitMq:ReconnectInterval", "00:00:00.500");
        With("Events:MaxRetryDelay", "00:00:00.500");
        if (dataDirectory is not null)
        {
            With("Data:Directory", dataDirectory);
        }

        WithServices(services => services.AddSingleton<ISaveChangesInterceptor>(Inbox));
    }

    public string AdminId { get; }

    public InboxWatch Inbox { get; } = new();

    /// <summary>Signs up <paramref name="count"/> new accounts, each raising one UserRegistered; returns their ids.</summary>
    public async Task<List<string>> SignUp(int count, string prefix = "rabbit")
    {
        var client = CreateApiClient();
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            ids.Add(await client.SignUpNew(Api.NewId(prefix)));
        }

        return ids;
    }

    /// <summary>Whether the Tweets module knows the user, which only the UserRegistered event can have told it.</summary>
    public async Task<bool> TweetsKnows(string userId)
    {
        using var response = await CreateApiClient().GetAsync(TweetsApi.Stats(userId));
        return response.StatusCode == HttpStatusCode.OK;
    }

    /// <summary>The module map's <c>deadLetters</c> for one module, as the configured admin reads it.</summary>
    public async Task<JsonElement> DeadLetters(string module)
    {
        var anonymous = CreateApiClient();
        using (var signUp = await anonymous.SignUp(AdminId))
        {
            signUp.StatusCode.Should().BeOneOf(HttpStatusCode.Created, HttpStatusCode.Conflict);
        }

        var admin = CreateApiClient(await anonymous.TokenFor(AdminId));
        using var response = await admin.GetAsync("/api/ops/modules");
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var map = await response.Json();
        return map.GetProperty("modules").EnumerateArray().Single(m => m.GetProperty("name").GetString() == module).GetProperty("deadLetters");
    }

    /// <summary>Waits for a condition that should come within seconds.</summary>
    public static async Task Eventually(Func<Task<bool>> reached, string what, TimeSpan? within = null)
    {
        var limit = within ?? TimeSpan.FromSeconds(30);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!await reached())
        {
            if (waited.Elapsed > limit)
            {
                throw new TimeoutException($"Not reached within {limit.TotalSeconds} s: {what}.");
            }

            await Task.Delay(100);
        }
    }
}
