using System.Collections;
using NanoMqtt.Core.Connection;

namespace NanoMqtt.Core.Tests.Connection
{
    /// <summary>An <see cref="ISessionObserver"/> that logs "online true/false" and "offline {reason}" lines in order.</summary>
    public sealed class RecordingObserver : ISessionObserver
    {
        public readonly ArrayList Log = new ArrayList();

        public int OnlineCount;
        public int OfflineCount;
        public LinkFailure LastOfflineReason = LinkFailure.None;

        public void OnOnline(bool sessionPresent)
        {
            OnlineCount++;
            Log.Add("online " + (sessionPresent ? "true" : "false"));
        }

        public void OnOffline(LinkFailure reason)
        {
            OfflineCount++;
            LastOfflineReason = reason;
            Log.Add("offline " + LinkFailureNames.Of(reason));
        }
    }
}
