using System.Text;
using Host.IntegrationTests.Identity;
using Microsoft.Extensions.DependencyInjection;
using ModuleRuntime.Events;
using ModuleRuntime.Remoting;
using RabbitMQ.Client;
using Users.Contracts;

namespace Host.IntegrationTests.Events;

/// <summary>
/// Through the broker no bearer token travels, so each event carries its source module's signature. Anyone else who
/// can publish to the broker is refused: an unsigned event, one signed by a module that does not own the type, and a
/// genuine signature moved onto another body all go to the dead letters unhandled (docs/adr/0037).
/// </summary>
[Collection(BrokerCollection.Name)]
public sealed class BrokerSenderTests(Broker broker)
{
    [Fact]
    public async Task Only_an_event_signed_by_the_module_that_owns_it_is_handled()
    {
        var (uri, vhost) = await broker.NewVirtualHost();
        await using var host = new BrokerHost(uri);
        // The admin's sign-up goes through first, so the queues are declared and consumed.
        (await host.DeadLetters("Tweets")).GetInt64().Should().Be(0);
        await BrokerHost.Eventually(async () => host.Inbox.Handled.Count == 1, "the admin's sign-up is handled");
        var signatures = host.Services.GetRequiredService<EventSignatures>();
        var tweetsCredential = await File.ReadAllTextAsync(Path.Combine(host.DataPath, "service-keys", "tweets.pem"));

        var unsigned = Api.NewId("unsigned");
        var byTweets = Api.NewId("by_tweets");
        var moved = Api.NewId("moved");
        var genuine = Api.NewId("genuine");
        var genuineEnvelope = Registered(genuine, "Users");
        await using (var connection = await new ConnectionFactory { Uri = new Uri(uri) }.CreateConnectionAsync())
        await using (var channel = await connection.CreateChannelAsync())
        {
            await Publish(channel, Registered(unsigned, "Users"), token: null);
            await Publish(channel, Registered(byTweets, "Tweets"), Keys.Sign(tweetsCredential, ServiceTokens.Of("Tweets"), ServiceTokens.EventsAudience, "module:Tweets"));
            // A genuine signature, of another event, on a body of the attacker's choosing.
            await Publish(channel, Registered(moved, "Users"), signatures.Sign(Registered(Api.NewId("other"), "Users")));
            await Publish(channel, genuineEnvelope, signatures.Sign(genuineEnvelope));
        }

        await BrokerHost.Eventually(async () => await host.TweetsKnows(genuine), "the genuinely signed event is handled");
        await BrokerHost.Eventually(async () => await broker.Depth(vhost, "monolith.tweets.dead") == 3, "the three others are dead-lettered");
        foreach (var id in new[] { unsigned, byTweets, moved })
        {
            (await host.TweetsKnows(id)).Should().BeFalse($"{id}'s event was refused");
        }
    }

    private static EventEnvelope Registered(string userId, string source) => new(
        Guid.NewGuid(), source, typeof(UserRegistered).FullName!,
        JsonSerializer.SerializeToElement(new UserRegistered(userId, "From the broker", DateTimeOffset.UtcNow), JsonSerializerOptions.Web),
        DateTimeOffset.UtcNow, null);

    private static async Task Publish(IChannel channel, EventEnvelope envelope, string? token)
    {
        var properties = new BasicProperties { MessageId = envelope.Id.ToString(), Type = envelope.Type, DeliveryMode = DeliveryModes.Persistent };
        if (token is not null)
        {
            properties.Headers = new Dictionary<string, object?> { [EventSignatures.Header] = Encoding.UTF8.GetBytes(token) };
        }

        await channel.BasicPublishAsync("monolith.events.users", envelope.Type, mandatory: false, properties, JsonSerializer.SerializeToUtf8Bytes(envelope, JsonSerializerOptions.Web));
    }
}
