using System.Collections;
using NanoMqtt.Core.Diagnostics;
using NanoMqtt.Core.Messaging;

namespace NanoMqtt.Core.Actuators
{
    /// <summary>
    /// The device's actuators, their retained state topics and the fail-safe. Every actuator is put in
    /// its safe state when it is added (at boot) and again after its fail-safe time without a broker
    /// session. Nothing here restores the earlier state: only a new command does, so a device that lost
    /// its broker never resumes an old "open the valve" on its own.
    /// </summary>
    public sealed class ActuatorBank : IDiagContributor
    {
        /// <summary>What <see cref="Step"/> returns when it has no reason to be stepped again.</summary>
        public const long NoDeadline = long.MaxValue;

        private readonly ArrayList _actuators = new ArrayList();
        private readonly IPublisher _publisher;

        // A PWM state ("37.5") is written here as diag writes it, then copied out as the payload.
        private readonly JsonWriter _pwmState = new JsonWriter(16);
        private readonly Topics _topics;
        /// <summary>When the broker session was found gone, or -1 while it is up (or before the first Step).</summary>
        public long OfflineSinceMs = -1;
        /// <summary>How many times an actuator entered its safe state for lack of a broker session.</summary>
        public long SafeTrips;

        public ActuatorBank(IPublisher publisher, Topics topics)
        {
            _publisher = publisher;
            _topics = topics;
        }

        /// <summary>The actuator of that name, or null.</summary>
        public Actuator Find(string name)
        {
            for (int i = 0; i < _actuators.Count; i++)
            {
                var a = (Actuator)_actuators[i];
                if (a.Name == name)
                {
                    return a;
                }
            }

            return null;
        }

        /// <summary>
        /// The actuator whose command topic ({prefix}/{id}/cmd/{name}) is topic, or null.
        /// Compared whole with topics built at Add (one native string compare, allocation-free) rather than
        /// read char by char, which costs O(i) a char on nanoCLR.
        /// </summary>
        public Actuator FindByCommandTopic(string topic)
        {
            for (int i = 0; i < _actuators.Count; i++)
            {
                var a = (Actuator)_actuators[i];
                if (a.CommandTopic == topic)
                {
                    return a;
                }
            }

            return null;
        }

        /// <summary>
        /// Adds an actuator, drives its safe state at once (the boot state) and publishes that state
        /// retained, which also replaces a stale retained "on" from before the reboot. Returns null, or
        /// why not (a duplicate name).
        /// </summary>
        public string Add(Actuator actuator, long nowMs)
        {
            if (actuator == null)
            {
                return "no actuator";
            }

            if (Find(actuator.Name) != null)
            {
                return "two actuators are named " + actuator.Name;
            }

            _actuators.Add(actuator);
            actuator.StateTopic = _topics.State(actuator.Name);
            actuator.CommandTopic = _topics.Command(actuator.Name);
            actuator.ResultTopic = _topics.CommandResult(actuator.Name);
            actuator.EnterSafeState(nowMs);
            PublishState(actuator);
            return null;
        }

        /// <summary>Applies a commanded duty and publishes the state. False when the rate limit refuses it.</summary>
        public bool Apply(Actuator actuator, int duty, long nowMs)
        {
            if (!actuator.TrySet(duty, nowMs))
            {
                return false;
            }

            // Published on every applied command, changed or not: the echo confirms the command and
            // repairs a retained state that someone cleared on the broker.
            PublishState(actuator);
            return true;
        }

        /// <summary>
        /// Publishes the actuator's state retained on {prefix}/{id}/state/{name} with QoS 1: "on"/"off" for a
        /// relay or LED (encoded from chars, so the echo allocates nothing but the payload), the percentage
        /// ("37.5") for PWM.
        /// </summary>
        private void PublishState(Actuator actuator)
        {
            byte[] payload;
            if (actuator.IsDigital)
            {
                payload = Utf8.GetBytes(actuator.Duty > 0 ? ActuatorValue.On : ActuatorValue.Off);
            }
            else
            {
                _pwmState.Reset();
                actuator.WriteState(_pwmState);
                payload = _pwmState.ToArray();
            }

            _publisher.Publish(actuator.StateTopic, payload, 1, true, null);
        }

        /// <summary>
        /// The fail-safe timer. Call it on every loop with whether a broker session is up (connected and
        /// subscribed). The offline time counts from the first step that sees no session; each actuator
        /// enters its safe state once its <see cref="Actuator.FailSafeAfterMs"/> has passed. Returns the
        /// time of the next safe-state entry, or <see cref="NoDeadline"/>.
        /// </summary>
        public long Step(long nowMs, bool sessionUp)
        {
            if (sessionUp)
            {
                OfflineSinceMs = -1;
                return NoDeadline;
            }

            if (OfflineSinceMs < 0)
            {
                OfflineSinceMs = nowMs;
            }

            long next = NoDeadline;
            for (int i = 0; i < _actuators.Count; i++)
            {
                var a = (Actuator)_actuators[i];
                if (a.InSafeState || a.FailSafeAfterMs < 0)
                {
                    continue;
                }

                long due = OfflineSinceMs + a.FailSafeAfterMs;
                if (nowMs >= due)
                {
                    SafeTrips++;
                    if (a.EnterSafeState(nowMs))
                    {
                        // QoS 1 goes through the outbox, so the broker learns it after reconnect.
                        PublishState(a);
                    }
                }
                else if (due < next)
                {
                    next = due;
                }
            }

            return next;
        }

        /// <summary>Adds "actuators":{"relay1":"on","fan":37.5} and "safe_trips" to diag.</summary>
        public void WriteDiag(JsonWriter w)
        {
            w.Name("actuators");
            w.BeginObject();
            for (int i = 0; i < _actuators.Count; i++)
            {
                var a = (Actuator)_actuators[i];
                w.Name(a.Name);
                a.WriteState(w);
            }

            w.EndObject();
            w.Field("safe_trips", SafeTrips);
        }
    }
}
