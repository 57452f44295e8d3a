using NanoMqtt.Core.Messaging;

namespace NanoMqtt.Core.Connection
{
    /// <summary>
    /// The broker session as the optional parts (diag, discovery, sleep) see it: whether it is up, where to
    /// publish, and a planned end. <see cref="ConnectionSupervisor"/> is the one implementation.
    /// </summary>
    public interface IBrokerSession : IPublisher
    {
        ConnectionState State { get; }

        /// <summary>True from the birth until the session ends.</summary>
        bool IsOnline { get; }

        /// <summary>When the current session went online (clock ms), or -1 while offline.</summary>
        long OnlineSinceMs { get; }

        Topics Topics { get; }

        Outbox Outbox { get; }

        /// <summary>The connection's counters, and its fields of the diag message.</summary>
        ConnectionStats Stats { get; }

        /// <summary>The reset reason of this boot, and the reboot the session ends in when one is asked for.</summary>
        RebootKeeper Reboots { get; }

        void AddObserver(ISessionObserver observer);

        /// <summary>Ends the session cleanly; finalStatus is the last retained status (null: "offline").</summary>
        void Shutdown(string finalStatus);
    }
}
