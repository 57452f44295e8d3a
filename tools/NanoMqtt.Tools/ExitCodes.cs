namespace NanoMqtt.Tools;

/// <summary>
/// Exit codes of `nanomqtt`: one per class of failure, so scripts can tell them apart. The values above
/// 63 follow BSD sysexits where one fits. The README has the same table.
/// </summary>
public static class ExitCodes
{
    /// <summary>Success; also a long-running command (demo, broker, simulate, watch) stopped with Ctrl+C.</summary>
    public const int Ok = 0;
    /// <summary>An unexpected error (a bug): one line on stderr.</summary>
    public const int Failure = 1;
    /// <summary>send: the device answered with an error.</summary>
    public const int CommandRefused = 2;
    /// <summary>send: no answer within --timeout (the device may be offline).</summary>
    public const int CommandTimeout = 3;
    /// <summary>flash: nanoff ran and failed.</summary>
    public const int FlashFailed = 4;
    /// <summary>A bad argument or option (EX_USAGE).</summary>
    public const int BadArgument = 64;
    /// <summary>nf.config or nf.secrets cannot be read or is invalid (EX_DATAERR).</summary>
    public const int BadConfig = 65;
    /// <summary>An input file is missing, such as the app image to flash (EX_NOINPUT).</summary>
    public const int MissingInput = 66;
    /// <summary>The broker's host name does not resolve (EX_NOHOST).</summary>
    public const int UnknownHost = 68;
    /// <summary>The connection was refused or the host is unreachable; or the port to listen on is taken (EX_UNAVAILABLE).</summary>
    public const int Refused = 69;
    /// <summary>A file could not be written (EX_CANTCREAT).</summary>
    public const int CannotWrite = 73;
    /// <summary>The broker refused the client at the MQTT level, or closed the connection (EX_IOERR).</summary>
    public const int BrokerRefused = 74;
    /// <summary>The connection attempt timed out (EX_TEMPFAIL).</summary>
    public const int Timeout = 75;
    /// <summary>The TLS handshake failed: unknown CA, expired or mismatched certificate (EX_PROTOCOL).</summary>
    public const int TlsFailure = 76;
    /// <summary>Bad user name or password, or not authorized (EX_NOPERM).</summary>
    public const int BadCredentials = 77;
    /// <summary>A required tool (nanoff) is not installed.</summary>
    public const int ToolMissing = 127;
    /// <summary>A command that waits for an answer (send, devices) was interrupted with Ctrl+C.</summary>
    public const int Interrupted = 130;
}

/// <summary>A failure the user can act on: one line, no stack trace, and its exit code.</summary>
public sealed class CliException : Exception
{
    public CliException(int exitCode, string message) : base(message)
    {
        ExitCode = exitCode;
    }

    public int ExitCode { get; }
}
