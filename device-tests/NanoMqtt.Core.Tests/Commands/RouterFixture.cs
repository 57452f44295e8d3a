using NanoMqtt.Core.Actuators;
using NanoMqtt.Core.Commands;
using NanoMqtt.Core.Connection;
using NanoMqtt.Core.Messaging;
using NanoMqtt.Core.Tests.Fakes;

namespace NanoMqtt.Core.Tests.Commands
{
    /// <summary>
    /// A device "dev1" with a relay (relay1: 3 changes per minute), an active-low LED (led) and a PWM fan
    /// (fan), wired to a command router as FieldDevice wires it.
    /// </summary>
    internal sealed class RouterFixture
    {
        public const long Boot = 1000;
        public const long Wall = 1764070000;

        public readonly RecordingPublisher Publisher = new RecordingPublisher();
        public readonly FakeClock Clock;
        public readonly MemorySettingsStore Store;
        public readonly Topics Topics = new Topics("nanomqtt", "dev1");
        public readonly FakeDigitalOutput RelayPin = new FakeDigitalOutput();
        public readonly FakeDigitalOutput LedPin = new FakeDigitalOutput();
        public readonly FakePwmOutput FanPwm = new FakePwmOutput();
        public readonly ActuatorBank Bank;
        public readonly Actuator Relay;
        public readonly Actuator Led;
        public readonly Actuator Fan;
        public readonly CommandRouter Router;
        public readonly RecordingDeviceActions Actions = new RecordingDeviceActions();
        public readonly RecordingRuntimeSettings Settings = new RecordingRuntimeSettings();

        public RouterFixture()
            : this(Wall, new MemorySettingsStore(), null)
        {
        }

        public RouterFixture(long unixSeconds, MemorySettingsStore store, CommandRouterOptions options)
        {
            Clock = new FakeClock(Boot, unixSeconds);
            Store = store;
            Bank = new ActuatorBank(Publisher, Topics);

            var relay = new ActuatorOptions();
            relay.Name = "relay1";
            relay.MaxChanges = 3;
            Relay = new Actuator(relay, RelayPin);

            var led = new ActuatorOptions();
            led.Name = "led";
            led.Kind = ActuatorKind.Led;
            led.Inverted = true;
            led.MaxChanges = 0;
            Led = new Actuator(led, LedPin);

            var fan = new ActuatorOptions();
            fan.Name = "fan";
            fan.Kind = ActuatorKind.Pwm;
            fan.SafeDuty = 2500;
            fan.MaxChanges = 0;
            Fan = new Actuator(fan, FanPwm);

            Bank.Add(Relay, Boot);
            Bank.Add(Led, Boot);
            Bank.Add(Fan, Boot);
            Router = new CommandRouter(Topics, Publisher, Clock, Bank, store, options);
            Actions.Watch = Publisher;
            Router.Device.Actions = Actions;
            Router.Device.RuntimeSettings = Settings;
            Publisher.Clear();
        }

        public void Send(string target, string payload)
        {
            SendBytes(Topics.Command(target), Utf8.GetBytes(payload));
        }

        public void SendBytes(string topic, byte[] payload)
        {
            Router.OnMessage(Message(topic, payload));
        }

        public static LinkEvent Message(string topic, byte[] payload)
        {
            var e = new LinkEvent(LinkEventKind.MessageReceived);
            e.Topic = topic;
            e.Payload = payload;
            return e;
        }

        /// <summary>The last answer on {target}/result, as text, or null.</summary>
        public string Answer(string target)
        {
            var m = Publisher.LastOn(Topics.CommandResult(target));
            return m == null ? null : m.Text;
        }

        /// <summary>The last retained state of the actuator, or null.</summary>
        public string State(string actuator)
        {
            var m = Publisher.LastOn(Topics.State(actuator));
            return m == null ? null : m.Text;
        }
    }

    internal sealed class RecordingDeviceActions : IDeviceActions
    {
        /// <summary>When set, records how many messages it held at the reboot request.</summary>
        public RecordingPublisher Watch;
        public int PublishedBeforeReboot = -1;
        public int Reboots;
        public string RebootReason;
        public int Diags;

        public void RequestReboot(string reason)
        {
            Reboots++;
            RebootReason = reason;
            if (Watch != null)
            {
                PublishedBeforeReboot = Watch.Count;
            }
        }

        public void RequestDiag()
        {
            Diags++;
        }
    }

    internal sealed class RecordingRuntimeSettings : IRuntimeSettings
    {
        /// <summary>When set, every change is refused with this text.</summary>
        public string Refusal;
        public string Sensor;
        public long IntervalMs = -1;
        public string Stream;
        public int Qos = -1;
        public int Calls;

        public string SetInterval(string sensor, long intervalMs)
        {
            Calls++;
            if (Refusal != null)
            {
                return Refusal;
            }

            Sensor = sensor;
            IntervalMs = intervalMs;
            return null;
        }

        public string SetQos(string stream, int qos)
        {
            Calls++;
            if (Refusal != null)
            {
                return Refusal;
            }

            Stream = stream;
            Qos = qos;
            return null;
        }
    }
}
