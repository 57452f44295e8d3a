using System;
using NanoMqtt.Core.Connection;
using NanoMqtt.Core.Platform;

namespace NanoMqtt.Core.Messaging
{
    /// <summary>
    /// Keeps the reason of a reboot the core asks for (offline watchdog, low heap, the "reboot" command)
    /// through the reboot, as <see cref="OutboxKeeper"/> keeps the unsent readings: written to the settings
    /// store before, read back (and cleared) as the next boot's reset reason. The supervisor ends the
    /// session first and then calls <see cref="RebootIfPending"/>.
    /// </summary>
    public sealed class RebootKeeper
    {
        /// <summary>Settings key that carries the reason of a reboot the core asked for into the next boot.</summary>
        public const string ResetReasonKey = "reset.reason";

        private readonly ISettingsStore _settings;
        private readonly IDevicePlatform _platform;
        /// <summary>Why the device last started: the reason the core recorded before its reboot, else the hardware's, else "power-on".</summary>
        public readonly string LastResetReason;
        /// <summary>True once a reboot was asked for; it happens when the session has ended.</summary>
        public bool Pending;
        /// <summary>True once the platform was asked to reboot.</summary>
        public bool Requested;
        /// <summary>Told just before the reboot, or null. May be set after construction.</summary>
        public IRebootObserver Observer;

        /// <summary>Reads (and clears) the reason the last boot stored.</summary>
        public RebootKeeper(ISettingsStore settings, IDevicePlatform platform)
        {
            if (settings == null || platform == null)
            {
                throw new ArgumentNullException();
            }

            _settings = settings;
            _platform = platform;
            string stored = settings.Read(ResetReasonKey);
            if (stored != null && stored.Length > 0)
            {
                // Cleared at once, so a later power cut is not reported as this reboot again.
                settings.Write(ResetReasonKey, null);
                LastResetReason = stored;
                return;
            }

            string hardware = platform.HardwareResetReason;
            LastResetReason = hardware != null && hardware.Length > 0 ? hardware : "power-on";
        }

        /// <summary>Stores the reason for the next boot; false when a reboot is already pending.</summary>
        public bool Record(string reason)
        {
            if (Pending)
            {
                return false;
            }

            _settings.Write(ResetReasonKey, reason == null || reason.Length == 0 ? "requested" : reason);
            Pending = true;
            return true;
        }

        /// <summary>Tells the observer and asks the platform to reboot, once, if a reboot is pending.</summary>
        public void RebootIfPending(long nowMs)
        {
            if (!Pending || Requested)
            {
                return;
            }

            Requested = true;
            IRebootObserver observer = Observer;
            if (observer != null)
            {
                try
                {
                    observer.OnRebooting(nowMs);
                }
                catch (Exception)
                {
                    // The reboot is the way out of whatever went wrong; it must happen regardless.
                }
            }

            _platform.Reboot();
        }
    }
}
