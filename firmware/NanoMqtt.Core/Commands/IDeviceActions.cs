namespace NanoMqtt.Core.Commands
{
    /// <summary>
    /// What the device commands ask of the rest of the device. The lead wires it to the connection
    /// supervisor (RequestReboot) and to diagnostics (RequestDiag). Both are requests: the router calls
    /// them after the ok answer has been handed to the publisher, so the implementation should let the
    /// outbox send that answer before it restarts the board.
    /// </summary>
    public interface IDeviceActions
    {
        /// <summary>Reboot soon, recording the reason ("command" plus the command id when it had one).</summary>
        void RequestReboot(string reason);

        /// <summary>Publish the diag message at the next opportunity.</summary>
        void RequestDiag();
    }
}
