using System;
using System.Collections;
using NanoMqtt.Core.Diagnostics;
using NanoMqtt.Core.Platform;

namespace NanoMqtt.Core.Messaging
{
    /// <summary>
    /// Keeps the outbox's unsent readings through a restart: a deep sleep, or a reboot the core asked for
    /// (the offline watchdog, the "reboot" command). RAM does not survive either, so what is still waiting
    /// is written to the settings store just before, and put back into the outbox at the next boot before
    /// anything new is published, so the order holds. Readings and error reports are kept; states, diag and
    /// discovery configs are published afresh at every boot. The store is bounded (newest kept first, the
    /// rest counted as dropped), since the text is built in one piece on a small heap.
    /// </summary>
    public sealed class OutboxKeeper : IDiagContributor
    {
        /// <summary>Settings key of the kept readings (absent when none are).</summary>
        public const string StoreKey = "outbox.kept";

        /// <summary>Default bound on kept messages.</summary>
        public const int DefaultMaxMessages = 32;

        /// <summary>Default bound on kept bytes (topic + payload, see <see cref="KeptMessages.SizeOf"/>); about twice this in storage, as hex.</summary>
        public const int DefaultMaxBytes = 4096;

        private readonly Outbox _outbox;
        private readonly ISettingsStore _store;
        private readonly string _telemetryStem;
        private readonly string _errorTopic;
        private readonly int _maxMessages;
        private readonly int _maxBytes;

        private bool _storedRecord;
        // Every message in the stored record was enqueued at or before this time.
        private long _recordCoversMs;
        /// <summary>Readings put back into the outbox at this boot.</summary>
        public int Restored;
        /// <summary>
        /// Readings lost before this boot and not yet reported: those the last save had no room for (carried
        /// from boot to boot until one reaches the broker), plus damaged entries of the stored record.
        /// </summary>
        public long LostBeforeBoot;
        /// <summary>Readings stored by the last <see cref="Save"/>.</summary>
        public int Kept;
        /// <summary>Readings the last <see cref="Save"/> could not keep, carried losses included.</summary>
        public long KeptDropped;

        public OutboxKeeper(Outbox outbox, ISettingsStore store, Topics topics, int maxMessages, int maxBytes)
        {
            if (outbox == null || store == null || topics == null)
            {
                throw new ArgumentNullException();
            }

            _outbox = outbox;
            _store = store;
            _telemetryStem = topics.Root + "/telemetry/";
            _errorTopic = topics.Error;
            _maxMessages = maxMessages < 0 ? 0 : maxMessages;
            _maxBytes = maxBytes < 0 ? 0 : maxBytes;
        }

        /// <summary>
        /// Puts the stored readings back into the outbox, at their original age (so its expiry still counts
        /// from when each was taken). Call once at boot, before anything publishes. Never throws: a record that
        /// is not ours (older firmware, damaged flash) is dropped and counted.
        /// </summary>
        public void Restore(long nowMs)
        {
            string text = _store.Read(StoreKey);
            if (text == null)
            {
                return;
            }

            _storedRecord = true;
            _recordCoversMs = nowMs;
            var messages = new ArrayList();
            long dropped;
            int bad;
            if (!KeptMessages.Decode(text, nowMs, messages, out dropped, out bad))
            {
                // The whole record is damaged: counted as one loss.
                LostBeforeBoot = 1;
                return;
            }

            LostBeforeBoot = dropped + bad;
            for (int i = 0; i < messages.Count; i++)
            {
                OutboxMessage m = (OutboxMessage)messages[i];
                if (_outbox.Enqueue(m.Topic, m.Buffer, m.Qos, m.Retain, m.CorrelationData, m.EnqueuedMs))
                {
                    Restored++;
                }
            }
        }

        /// <summary>
        /// Clears the stored record once it has done its job: every reading restored from it has left the
        /// outbox (acknowledged, dropped or expired) and reported says the losses it carried are in a diag.
        /// From then on a power cut must not send them again. Cheap enough for every step.
        /// </summary>
        public void ReleaseDelivered(bool reported)
        {
            if (!_storedRecord || !reported || _outbox.InFlightCount > 0)
            {
                return;
            }

            // Restored readings keep their original (older) enqueue time and stand first in the queue;
            // everything published since is newer.
            long oldestMs;
            if (!_outbox.OldestWaitingMs(out oldestMs) || oldestMs > _recordCoversMs)
            {
                _store.Write(StoreKey, null);
                _storedRecord = false;
            }
        }

        /// <summary>"kept_restored" and "kept_lost" (see <see cref="LostBeforeBoot"/>), when either is not 0.</summary>
        public void WriteDiag(JsonWriter w)
        {
            if (Restored == 0 && LostBeforeBoot == 0)
            {
                return;
            }

            w.Field("kept_restored", Restored);
            w.Field("kept_lost", LostBeforeBoot);
        }

        /// <summary>
        /// Stores what waits in the outbox (call with the in-flight ones requeued), for a restart gapMs long.
        /// reachedBroker says whether this boot reported <see cref="LostBeforeBoot"/> in diag; if not, those
        /// losses are carried on. Writes nothing when there is nothing to keep and no record to clear.
        /// </summary>
        public void Save(long nowMs, long gapMs, bool reachedBroker)
        {
            // The kept size of each waiting message, or -1 when it is not a reading to keep.
            int waiting = _outbox.WaitingCount;
            int[] sizes = new int[waiting];
            var m = new OutboxMessage();
            int count = 0;
            int index = 0;
            for (bool more = _outbox.ReadWaiting(0, m); more && index < waiting; more = _outbox.ReadNextWaiting(m), index++)
            {
                // Readings and error reports; the rest is published afresh at every boot.
                string topic = m.Topic;
                bool keep = topic != null && (topic.StartsWith(_telemetryStem) || topic == _errorTopic);
                sizes[index] = keep ? KeptMessages.SizeOf(m) : -1;
                count += sizes[index] < 0 ? 0 : 1;
            }

            // Newest first until a bound is reached: as in the outbox, fresh readings are worth more.
            int first = index;
            int kept = 0;
            int bytes = 0;
            for (int i = index - 1; i >= 0; i--)
            {
                if (sizes[i] < 0)
                {
                    continue;
                }

                if (kept >= _maxMessages || bytes + sizes[i] > _maxBytes)
                {
                    break;
                }

                kept++;
                bytes += sizes[i];
                first = i;
            }

            Kept = kept;
            KeptDropped = (reachedBroker ? 0 : LostBeforeBoot) + count - kept;
            if (Kept == 0 && KeptDropped == 0)
            {
                if (_storedRecord)
                {
                    _store.Write(StoreKey, null);
                    _storedRecord = false;
                }

                return;
            }

            string text = KeptMessages.Header(gapMs < 0 ? 0 : gapMs, KeptDropped);
            index = 0;
            for (bool more = Kept > 0 && _outbox.ReadWaiting(first, m); more; more = _outbox.ReadNextWaiting(m))
            {
                if (sizes[first + index++] >= 0)
                {
                    text = text + KeptMessages.Entry(m, nowMs);
                }
            }

            if (_store.Write(StoreKey, text))
            {
                _storedRecord = true;
                _recordCoversMs = nowMs;
            }
            else
            {
                KeptDropped += Kept;
                Kept = 0;
            }
        }
    }
}
