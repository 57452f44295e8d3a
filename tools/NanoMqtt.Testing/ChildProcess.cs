using System.Diagnostics;

namespace NanoMqtt.Testing;

/// <summary>Ending the processes a test or benchmark started (brokers, peers, simulators).</summary>
public static class ChildProcess
{
    /// <summary>Kills the process and its children (kill -9) and waits up to waitMs; one already gone is fine.</summary>
    public static void Kill(Process p, int waitMs)
    {
        try
        {
            if (!p.HasExited)
            {
                p.Kill(entireProcessTree: true);
                p.WaitForExit(waitMs);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // Exiting while asked to: nothing left to kill.
        }
    }
}
