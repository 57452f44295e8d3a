using System;
using System.Collections;
using NanoMqtt.Core.Connection;
using NanoMqtt.Core.Messaging;
using NanoMqtt.Core.Platform;

namespace NanoMqtt.Core.Diagnostics
{
    /// <summary>
    /// Publishes the retained {prefix}/{id}/diag message: on every connect (it registers itself as a
    /// session observer), every <see cref="DiagOptions.IntervalMs"/> while online, and on demand
    /// (<see cref="PublishDiagNow"/>, the "diag" command). The session's <see cref="ConnectionStats"/> come
    /// first, then each <see cref="IDiagContributor"/> adds its own fields.
    /// </summary>
    public sealed class DiagPublisher : ISessionObserver
    {
        private readonly DiagOptions _options;
        private readonly IBrokerSession _session;
        private readonly IClock _clock;
        private readonly IDevicePlatform _platform;
        private readonly INetworkLink _network;
        private readonly ArrayList _contributors = new ArrayList();
        private readonly JsonWriter _json = new JsonWriter(512);
        private long _nextMs = long.MaxValue;
        /// <summary>Diag messages handed to the supervisor so far.</summary>
        public long Published;

        public DiagPublisher(DiagOptions options, IBrokerSession session, IClock clock, IDevicePlatform platform, INetworkLink network)
        {
            if (session == null || clock == null || platform == null || network == null)
            {
                throw new ArgumentNullException();
            }

            _options = options ?? new DiagOptions();
            _session = session;
            _clock = clock;
            _platform = platform;
            _network = network;
            session.AddObserver(this);
        }

        public void AddContributor(IDiagContributor contributor)
        {
            if (contributor != null && !_contributors.Contains(contributor))
            {
                _contributors.Add(contributor);
            }
        }

        /// <summary>Sends the periodic message when due; returns when it wants the next step (long.MaxValue while offline).</summary>
        public long Step(long nowMs)
        {
            if (!_session.IsOnline || _options.IntervalMs <= 0)
            {
                return long.MaxValue;
            }

            if (nowMs >= _nextMs)
            {
                Publish(nowMs);
            }

            return _nextMs;
        }

        /// <summary>Builds and publishes the message now. False when the supervisor did not take it.</summary>
        public bool PublishDiagNow()
        {
            return Publish(_clock.NowMs);
        }

        /// <summary>The diag JSON as it would be published now (the simulator shows it; tests read it).</summary>
        public byte[] BuildPayload()
        {
            long now = _clock.NowMs;
            JsonWriter w = _json;
            w.Reset();
            w.BeginObject();
            w.Field("uptime_s", now / 1000);
            long t = _clock.UnixSeconds;
            if (t > 0)
            {
                w.Field("t", t);
            }

            _session.Stats.WriteDiag(w);
            w.Field("reset_reason", _session.Reboots.LastResetReason);
            w.Field("fw", _options.FirmwareVersion);
            w.Field("heap", _platform.FreeHeapBytes);
            w.Field("rssi", _network.Rssi);

            for (int i = 0; i < _contributors.Count; i++)
            {
                ((IDiagContributor)_contributors[i]).WriteDiag(w);
            }

            w.EndObject();
            return w.ToArray();
        }

        public void OnOnline(bool sessionPresent)
        {
            Publish(_clock.NowMs);
        }

        public void OnOffline(LinkFailure reason)
        {
            // Nothing to send while offline; the next connect publishes a fresh message with the reason.
        }

        private bool Publish(long nowMs)
        {
            _nextMs = _options.IntervalMs > 0 ? nowMs + _options.IntervalMs : long.MaxValue;
            bool taken = _session.Publish(_session.Topics.Diag, BuildPayload(), _options.Qos, true, null);
            if (taken)
            {
                Published++;
            }

            return taken;
        }
    }
}
