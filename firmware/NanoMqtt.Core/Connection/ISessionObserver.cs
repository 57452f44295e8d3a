namespace NanoMqtt.Core.Connection
{
    /// <summary>
    /// Told when the broker session comes and goes (register with ConnectionSupervisor.AddObserver). Called
    /// on the step thread, inside Step or Shutdown; an observer may publish from here.
    /// </summary>
    public interface ISessionObserver
    {
        /// <summary>The device is online: subscribed, birth sent, outbox draining. Echo states here.</summary>
        void OnOnline(bool sessionPresent);

        /// <summary>An online session ended; <see cref="LinkFailure.None"/> for a planned shutdown.</summary>
        void OnOffline(LinkFailure reason);
    }
}
