using Tests.Shared;

namespace Host.IntegrationTests.Events;

/// <summary>
/// One RabbitMQ node for every test of the collection (starting one takes seconds); each Host gets a virtual host of
/// its own, so queues named alike (<c>monolith.tweets</c>) never mix two tests' events.
/// </summary>
public sealed class Broker : IAsyncLifetime
{
    private RabbitMqServer? server;

    internal RabbitMqServer Server => server ?? throw new InvalidOperationException("The broker has not started.");

    public async Task InitializeAsync() => server = await RabbitMqServer.StartNewAsync();

    public async Task DisposeAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
        }
    }

    /// <summary>A new, empty virtual host guest may use; its <c>Events:RabbitMq:Uri</c>.</summary>
    public Task<(string Uri, string Name)> NewVirtualHost() => Server.NewVirtualHostAsync();

    /// <summary>How many messages a queue holds right now, as the broker itself says.</summary>
    public async Task<long> Depth(string virtualHost, string queue)
    {
        var listed = await Ctl("list_queues", "-p", virtualHost, "--no-table-headers", "name", "messages");
        var line = listed.Split('\n').Select(l => l.Split('\t', StringSplitOptions.TrimEntries)).FirstOrDefault(l => l.Length == 2 && l[0] == queue);
        return line is null ? -1 : long.Parse(line[1], System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task<string> Ctl(params string[] arguments)
    {
        var (exitCode, output) = await Server.Ctl(arguments);
        exitCode.Should().Be(0, "rabbitmqctl {0} answered: {1}", string.Join(' ', arguments), output);
        return output;
    }
}

[CollectionDefinition(Name)]
public sealed class BrokerCollection : ICollectionFixture<Broker>
{
    public const string Name = "RabbitMQ broker";
}
