namespace NanoMqtt.Core.Commands
{
    /// <summary>
    /// The codes of a refused command, as they appear in the answer: {"ok":false,"code":"...","reason":"..."}.
    /// They are part of the device's public interface (scripts match on them), so they never change
    /// meaning; the reason text beside them is for people and may change.
    /// </summary>
    public static class CommandErrors
    {
        /// <summary>No actuator has the name in the topic.</summary>
        public const string UnknownActuator = "unknown_actuator";

        /// <summary>The value does not suit the target: "dim" for a relay, 150 for PWM, an empty payload.</summary>
        public const string InvalidValue = "invalid_value";

        /// <summary>The payload is larger than the configured limit (default 256 bytes).</summary>
        public const string PayloadTooLarge = "payload_too_large";

        /// <summary>The payload is not valid UTF-8.</summary>
        public const string BadEncoding = "bad_encoding";

        /// <summary>The payload starts like JSON but is not well-formed JSON.</summary>
        public const string MalformedJson = "malformed_json";

        /// <summary>JSON of the wrong shape: not an object, a nested object or array, a field of the wrong type, a bad id.</summary>
        public const string InvalidCommand = "invalid_command";

        /// <summary>A command with this id was already applied (a redelivery after reconnect or reboot).</summary>
        public const string Duplicate = "duplicate";

        /// <summary>The device clock is at or past the command's "expires" (Unix seconds).</summary>
        public const string Expired = "expired";

        /// <summary>
        /// The command carries an expiry but the device does not know the wall time yet (no SNTP): it
        /// cannot prove the command is fresh, so it does not run it.
        /// </summary>
        public const string TimeUnknown = "time_unknown";

        /// <summary>The actuator's change limit for the current window is used up.</summary>
        public const string RateLimited = "rate_limited";

        /// <summary>
        /// The message came as a retained message: an old command replayed by the broker at subscribe
        /// time, which would undo the fail-safe after every reconnect.
        /// </summary>
        public const string Retained = "retained";

        /// <summary>Not one of the device commands (ping, reboot, diag, interval, qos).</summary>
        public const string UnknownCommand = "unknown_command";

        /// <summary>The runtime settings refused the interval or QoS (unknown sensor or stream, a bound).</summary>
        public const string SettingRefused = "setting_refused";

        /// <summary>The setting is applied but could not be stored, so it lasts only until the reboot.</summary>
        public const string NotSaved = "not_saved";

        /// <summary>The device has no handler for this command (nothing was wired for it).</summary>
        public const string NotSupported = "not_supported";

        /// <summary>At most 32 characters of what the sender sent, for a reason text: a long bad value cannot bloat the answer.</summary>
        public static string Excerpt(string s) => s.Length > 32 ? s.Substring(0, 32) + "..." : s;
    }
}
