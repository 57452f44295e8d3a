using NanoMqtt.Testing;
using NanoMqtt.Tools;
using Xunit;

namespace NanoMqtt.Brokers.Tests.Brokers;

/// <summary>
/// What a broker does where brokers differ, as the suite expects it (BrokerFactsTests checks each one
/// against the running broker, and docs/brokers.md tabulates them).
/// </summary>
public sealed class BrokerTraits
{
    /// <summary>An MQTT 5 CONNECT is accepted.</summary>
    public bool Mqtt5;

    /// <summary>The QoS the broker grants to a QoS 2 subscription.</summary>
    public int GrantedForQos2;

    /// <summary>A QoS 2 PUBLISH completes its four-way handshake (PUBREC, PUBREL, PUBCOMP).</summary>
    public bool Qos2Handshake;

    /// <summary>A '.' inside a topic level reaches subscribers unchanged.</summary>
    public bool DotsKept;

    /// <summary>A subscription with a wildcard (nanomqtt/+/status) receives the retained messages it matches.</summary>
    public bool RetainedForWildcards;
}

/// <summary>One broker that the compatibility scenarios run on: started per test class on 127.0.0.1 and a free port.</summary>
public abstract class BrokerFixture : IAsyncLifetime
{
    public abstract string Name { get; }
    public string Host => "127.0.0.1";
    public abstract int Port { get; }
    public string Endpoint => Host + ":" + Port;
    public abstract BrokerTraits Traits { get; }

    public abstract Task InitializeAsync();
    public abstract Task DisposeAsync();
}

public sealed class MosquittoFixture : BrokerFixture
{
    private MosquittoBroker _broker;

    public override string Name => "Mosquitto";
    public override int Port => _broker.Port;
    public override BrokerTraits Traits { get; } = new BrokerTraits { Mqtt5 = true, GrantedForQos2 = 2, Qos2Handshake = true, DotsKept = true, RetainedForWildcards = true };

    public override Task InitializeAsync()
    {
        // Mosquitto keeps persistent sessions in memory without `persistence`; the scenarios never restart it.
        _broker = MosquittoBroker.Start();
        return Task.CompletedTask;
    }

    public override Task DisposeAsync()
    {
        _broker?.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>The MQTTnet broker that `nanomqtt demo` and `nanomqtt broker` embed.</summary>
public sealed class EmbeddedBrokerFixture : BrokerFixture
{
    private EmbeddedBroker _broker;

    public override string Name => "MQTTnet (embedded)";
    public override int Port => _broker.Port;
    public override BrokerTraits Traits { get; } = new BrokerTraits { Mqtt5 = true, GrantedForQos2 = 2, Qos2Handshake = true, DotsKept = true, RetainedForWildcards = true };

    public override async Task InitializeAsync()
    {
        _broker = await EmbeddedBroker.StartAsync(EmbeddedBroker.FreePort(), loopbackOnly: true);
    }

    public override async Task DisposeAsync()
    {
        if (_broker != null)
        {
            await _broker.DisposeAsync();
        }
    }
}

/// <summary>One RabbitMQ 3.10 node with the MQTT plugin (MQTT 3.1.1 only), its own name, ports, data and epmd.</summary>
public sealed class RabbitMqFixture : BrokerFixture
{
    private RabbitEnvironment _env;

    public RabbitNode Node { get; private set; }

    public override string Name => "RabbitMQ 3.10 (MQTT plugin)";
    public override int Port => Node.MqttPort;
    public override BrokerTraits Traits { get; } = new BrokerTraits { Mqtt5 = false, GrantedForQos2 = 1, Qos2Handshake = false, DotsKept = false, RetainedForWildcards = false };

    public override async Task InitializeAsync()
    {
        _env = new RabbitEnvironment("single");
        Node = new RabbitNode(_env, "nanomqtt-single");
        try
        {
            await Node.StartAsync(TimeSpan.FromSeconds(120));
        }
        catch
        {
            Node.Kill();
            _env.Dispose();
            throw;
        }
    }

    public override Task DisposeAsync()
    {
        Node?.Dispose();
        _env?.Dispose();
        return Task.CompletedTask;
    }
}

// One broker per collection, shared by its scenario and fact classes; the collections run in parallel.
[CollectionDefinition("Mosquitto")]
public sealed class MosquittoCollection : ICollectionFixture<MosquittoFixture>
{
}

[CollectionDefinition("Embedded broker")]
public sealed class EmbeddedBrokerCollection : ICollectionFixture<EmbeddedBrokerFixture>
{
}

[CollectionDefinition("RabbitMQ")]
public sealed class RabbitMqCollection : ICollectionFixture<RabbitMqFixture>
{
}
