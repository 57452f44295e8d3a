using NanoMqtt.Core.Hardware;
using NanoMqtt.Core.Messaging;

namespace NanoMqtt.Core.Actuators
{
    /// <summary>
    /// One relay, LED or PWM channel: its current state, its safe state and its rate limit. The state is
    /// a duty in hundredths of a percent for every kind (a relay is 0 or 10000), so the router, the state
    /// topic and the fail-safe treat all kinds alike. It does not publish: <see cref="ActuatorBank"/> does.
    /// </summary>
    public sealed class Actuator
    {
        public readonly string Name;

        /// <summary>A relay or LED (on or off), not PWM.</summary>
        public readonly bool IsDigital;
        public readonly int SafeDuty;
        public readonly long FailSafeAfterMs;

        // Its topics, {prefix}/{id}/state/{name}, .../cmd/{name} and .../cmd/{name}/result: built once by
        // ActuatorBank.Add, because every command matches the command topic and publishes on the others.
        internal string StateTopic;
        internal string CommandTopic;
        internal string ResultTopic;

        private readonly IDigitalOutput _digital;
        private readonly IPwmOutput _pwm;
        private readonly bool _inverted;

        // The rate limit, at most N changes in any sliding window: a ring of the last N change times, exact
        // (no token-bucket rounding). The ring holds at most MaxTracked times so that a generous limit
        // (6000 a minute for a PWM fader) does not cost kilobytes: above that, the same rate is enforced as
        // MaxTracked changes per proportionally shorter window (6000/min becomes 32 per 320 ms).
        private const int MaxTracked = 32;
        private readonly long[] _changeTimes;
        private readonly long _windowMs;
        private int _nextChange;
        private int _changeCount;
        /// <summary>The current duty, 0..10000 (a relay: 0 or 10000).</summary>
        public int Duty;
        private int _lastOnDuty = ActuatorValue.FullDuty;
        /// <summary>True from boot or a fail-safe until the next command changes the state.</summary>
        public bool InSafeState;

        /// <summary>
        /// output is an <see cref="IDigitalOutput"/> for a relay or LED, an <see cref="IPwmOutput"/> for PWM.
        /// Throws when the options are invalid (check <see cref="ActuatorOptions.Validate"/> first) or the
        /// output does not suit the kind.
        /// </summary>
        public Actuator(ActuatorOptions options, object output)
        {
            string problem = options == null ? "no actuator options" : options.Validate();
            if (problem == null)
            {
                if (options.Kind == ActuatorKind.Pwm)
                {
                    _pwm = output as IPwmOutput;
                }
                else
                {
                    _digital = output as IDigitalOutput;
                }

                if (_pwm == null && _digital == null)
                {
                    problem = "actuator " + options.Name + ": no output of its kind (digital or PWM)";
                }
            }

            if (problem != null)
            {
                throw new System.ArgumentException(problem);
            }

            Name = options.Name;
            IsDigital = options.Kind != ActuatorKind.Pwm;
            _inverted = options.Inverted;
            SafeDuty = Normalize(options.SafeDuty);
            FailSafeAfterMs = options.FailSafeAfterMs;
            int maxChanges = options.MaxChanges;
            long windowMs = ActuatorOptions.ChangeWindowMs;
            if (maxChanges > MaxTracked)
            {
                windowMs = windowMs * MaxTracked / maxChanges;
                maxChanges = MaxTracked;
            }

            _changeTimes = new long[maxChanges > 0 ? maxChanges : 0];
            _windowMs = windowMs > 0 ? windowMs : 1;
            Duty = SafeDuty;
        }

        /// <summary>
        /// Writes the state as a JSON value: "on"/"off", or the percentage for PWM in its shortest form (3750
        /// gives 37.5, 10000 100, 5 0.05), which is also the PWM state topic's payload.
        /// </summary>
        public void WriteState(JsonWriter w)
        {
            if (IsDigital)
            {
                char[] state = Duty > 0 ? ActuatorValue.On : ActuatorValue.Off;
                w.Value(state, 0, state.Length);
            }
            else
            {
                // Hundredths without their trailing zeros: 3750 is 37.5, 10000 is 100.
                int scaled = Duty;
                int decimals = 2;
                while (decimals > 0 && scaled % 10 == 0)
                {
                    scaled /= 10;
                    decimals--;
                }

                w.Fixed(scaled, decimals);
            }
        }

        /// <summary>
        /// The duty a command asks for, or -1 when the value does not suit this kind (a relay given 37 %).
        /// On restores the last non-zero duty of a PWM channel (full when there was none).
        /// </summary>
        public int TargetFor(ActuatorVerb verb, int duty)
        {
            switch (verb)
            {
                case ActuatorVerb.Off:
                    return 0;
                case ActuatorVerb.On:
                    return _lastOnDuty;
                case ActuatorVerb.Toggle:
                    return Duty > 0 ? 0 : _lastOnDuty;
                default:
                    if (duty < 0 || duty > ActuatorValue.FullDuty)
                    {
                        return -1;
                    }

                    if (!IsDigital)
                    {
                        return duty;
                    }

                    // "1" (read as 1 %) and "100" switch a relay on, "0" off; anything between is a mistake.
                    if (duty == 0)
                    {
                        return 0;
                    }

                    return duty == 100 || duty == ActuatorValue.FullDuty ? ActuatorValue.FullDuty : -1;
            }
        }

        /// <summary>When a change would next be allowed by the rate limit: nowMs when allowed now, else later.</summary>
        public long NextChangeAllowedMs(long nowMs)
        {
            if (_changeTimes.Length == 0 || _changeCount < _changeTimes.Length)
            {
                return nowMs;
            }

            // The ring is full, so _nextChange points at the oldest of the last N changes.
            long allowed = _changeTimes[_nextChange] + _windowMs;
            return allowed > nowMs ? allowed : nowMs;
        }

        /// <summary>
        /// Applies a commanded duty. False (and no change) when the rate limit refuses it. Setting the
        /// current duty again is not a change: it is allowed and does not count against the limit.
        /// </summary>
        public bool TrySet(int duty, long nowMs)
        {
            duty = Normalize(duty);
            if (duty != Duty)
            {
                if (NextChangeAllowedMs(nowMs) > nowMs)
                {
                    return false;
                }

                RecordChange(nowMs);
            }

            InSafeState = false;
            Drive(duty);
            return true;
        }

        /// <summary>
        /// Drives the safe state regardless of the rate limit (safety comes before wear) and records it as
        /// a change so that later commands still respect the limit. True when the state changed.
        /// </summary>
        public bool EnterSafeState(long nowMs)
        {
            bool changed = Duty != SafeDuty;
            if (changed)
            {
                RecordChange(nowMs);
            }

            InSafeState = true;
            Drive(SafeDuty);
            return changed;
        }

        private void RecordChange(long nowMs)
        {
            if (_changeTimes.Length == 0)
            {
                return;
            }

            _changeTimes[_nextChange] = nowMs;
            _nextChange = (_nextChange + 1) % _changeTimes.Length;
            if (_changeCount < _changeTimes.Length)
            {
                _changeCount++;
            }
        }

        private void Drive(int duty)
        {
            Duty = duty;
            if (duty > 0)
            {
                _lastOnDuty = duty;
            }

            // The pin is written even when the duty is unchanged: it costs nothing and repairs a pin that
            // something else (a brown-out, a driver reset) has changed behind the core's back.
            if (_digital != null)
            {
                _digital.Write((duty > 0) != _inverted);
            }
            else
            {
                _pwm.SetDuty(_inverted ? ActuatorValue.FullDuty - duty : duty);
            }
        }

        private int Normalize(int duty)
        {
            if (duty < 0)
            {
                duty = 0;
            }

            if (duty > ActuatorValue.FullDuty)
            {
                duty = ActuatorValue.FullDuty;
            }

            return IsDigital && duty > 0 ? ActuatorValue.FullDuty : duty;
        }
    }
}
