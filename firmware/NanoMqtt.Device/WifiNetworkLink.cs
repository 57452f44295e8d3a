using System;
using System.Device.Wifi;
using System.Diagnostics;
using System.Net.NetworkInformation;
using System.Threading;
using nanoFramework.Networking;
using NanoMqtt.Core.Connection;
using NanoMqtt.Core.Platform;

namespace NanoMqtt.Device
{
    /// <summary>
    /// INetworkLink over System.Device.Wifi's WifiNetworkHelper and System.Net's NetworkChange events.
    ///
    /// Threads: the step thread reads IsUp and Rssi and calls RequestUp. A join runs on its own thread,
    /// because WifiNetworkHelper.ConnectDhcp blocks until an IP address arrives or its token expires.
    /// NetworkChange raises its events on nanoFramework's event thread. All of them share only the fields
    /// guarded by _sync, and every change of the link wakes the step thread, so the supervisor reacts at once.
    ///
    /// The join asks for WifiReconnectionKind.Automatic: the ESP32 also rejoins by itself after a drop, and
    /// the NetworkAddressChanged event then reports the link up again without a new RequestUp. So RequestUp
    /// joins only when WifiJoinPolicy says so: each ConnectDhcp writes the profile to flash and interrupts
    /// that native rejoin. A board whose stored profile already holds the configured network joins by itself
    /// at boot, and the policy waits for that too.
    /// </summary>
    internal sealed class WifiNetworkLink : INetworkLink
    {
        // A wrong password or an absent access point ends the join after this long; the supervisor retries
        // with backoff.
        private const int JoinTimeoutMs = 30000;

        // The ESP32 reports RSSI only in scan results; a scan takes the radio off channel for a moment, so it
        // runs after each join and then at most this often (when diag asks).
        private const long RssiRefreshMs = 5 * 60 * 1000;

        private readonly string _ssid;
        private readonly string _password;
        private readonly IClock _clock;
        private readonly AutoResetEvent _wake;
        private readonly object _sync = new object();
        private readonly WifiJoinPolicy _policy;

        // Guarded by _sync.
        private bool _up;
        private bool _joining;
        private int _rssi;
        private long _lastScanMs = -RssiRefreshMs;
        private WifiAdapter _scanAdapter;

        public WifiNetworkLink(string ssid, string password, long rejoinAfterMs, string[] sntpServers, IClock clock, AutoResetEvent wake)
        {
            SetSntpServers(sntpServers);
            _ssid = ssid;
            _password = password == null ? string.Empty : password;
            _clock = clock;
            _wake = wake;
            _up = HasIpAddress();
            bool stored = StoredProfileMatches(_ssid, _password);
            if (stored)
            {
                Debug.WriteLine("wifi: the board's stored profile is '" + _ssid + "': waiting for its own join");
            }

            _policy = new WifiJoinPolicy(clock, rejoinAfterMs, stored);
            _policy.LinkChanged(_up);
            NetworkChange.NetworkAddressChanged += OnAddressChanged;
            NetworkChange.NetworkAvailabilityChanged += OnAvailabilityChanged;
        }

        public bool IsUp
        {
            get
            {
                lock (_sync)
                {
                    return _up;
                }
            }
        }

        public int Rssi
        {
            get
            {
                bool scan;
                int rssi;
                lock (_sync)
                {
                    scan = _up && !_joining && _clock.NowMs - _lastScanMs >= RssiRefreshMs;
                    rssi = _rssi;
                }

                if (scan)
                {
                    StartRssiScan();
                }

                return rssi;
            }
        }

        public void RequestUp()
        {
            lock (_sync)
            {
                if (_joining || _up)
                {
                    return;
                }

                long nextAskMs;
                if (!_policy.Step(out nextAskMs))
                {
                    return;
                }

                _joining = true;
            }

            new Thread(Join).Start();
        }

        private void Join()
        {
            bool joined = false;
            try
            {
                if (_ssid == null || _ssid.Length == 0)
                {
                    Debug.WriteLine("wifi: no SSID in nf.config ([wifi] ssid)");
                }
                else
                {
                    using (var timeout = new CancellationTokenSource(JoinTimeoutMs))
                    {
                        joined = WifiNetworkHelper.ConnectDhcp(_ssid, _password, WifiReconnectionKind.Automatic, false, 0, timeout.Token);
                    }

                    if (!joined)
                    {
                        // Status is an enum; nanoFramework prints its number (see NetworkHelperStatus).
                        Debug.WriteLine("wifi: cannot join '" + _ssid + "', helper status " + ((int)WifiNetworkHelper.Status).ToString()
                            + (WifiNetworkHelper.HelperException != null ? ": " + WifiNetworkHelper.HelperException.Message : string.Empty));
                    }
                }
            }
            catch (Exception ex)
            {
                Debug.WriteLine("wifi: join failed: " + ex.Message);
            }

            lock (_sync)
            {
                _joining = false;
                _up = HasIpAddress();
                joined = _up;
                _policy.LinkChanged(_up);
            }

            _wake.Set();
            if (joined)
            {
                StartSntp();
                StartRssiScan();
            }
        }

        private void OnAddressChanged(object sender, EventArgs e)
        {
            Update(HasIpAddress());
        }

        private void OnAvailabilityChanged(object sender, NetworkAvailabilityEventArgs e)
        {
            Update(e.IsAvailable && HasIpAddress());
        }

        private void Update(bool up)
        {
            bool changed;
            lock (_sync)
            {
                changed = up != _up;
                _up = up;
                _policy.LinkChanged(up);
            }

            if (changed)
            {
                _wake.Set();
                if (up)
                {
                    StartSntp();
                }
            }
        }

        private void StartRssiScan()
        {
            try
            {
                WifiAdapter adapter;
                lock (_sync)
                {
                    _lastScanMs = _clock.NowMs;
                    adapter = _scanAdapter;
                }

                if (adapter == null)
                {
                    // Without a join there is no helper adapter; each FindAllAdapters makes a new object, so
                    // one is kept for the life of the link.
                    adapter = WifiNetworkHelper.WifiAdapter;
                    if (adapter == null)
                    {
                        WifiAdapter[] adapters = WifiAdapter.FindAllAdapters();
                        if (adapters == null || adapters.Length == 0)
                        {
                            return;
                        }

                        adapter = adapters[0];
                    }

                    adapter.AvailableNetworksChanged += OnScanDone;
                    lock (_sync)
                    {
                        _scanAdapter = adapter;
                    }
                }

                adapter.ScanAsync();
            }
            catch (Exception ex)
            {
                Debug.WriteLine("wifi: scan failed: " + ex.Message);
            }
        }

        private void OnScanDone(WifiAdapter sender, object e)
        {
            try
            {
                WifiAvailableNetwork[] networks = sender.NetworkReport.AvailableNetworks;
                int best = 0;
                for (int i = 0; i < networks.Length; i++)
                {
                    if (networks[i].Ssid == _ssid)
                    {
                        int rssi = (int)networks[i].NetworkRssiInDecibelMilliwatts;
                        if (best == 0 || rssi > best)
                        {
                            best = rssi;
                        }
                    }
                }

                if (best != 0)
                {
                    lock (_sync)
                    {
                        _rssi = best;
                    }
                }
            }
            catch (Exception ex)
            {
                Debug.WriteLine("wifi: scan report failed: " + ex.Message);
            }
        }

        /// <summary>[time] sntp: a LAN without internet access needs its own time server, or TLS never starts.</summary>
        private static void SetSntpServers(string[] servers)
        {
            if (servers == null || servers.Length == 0)
            {
                return;
            }

            try
            {
                Sntp.Server1 = servers[0];
                Sntp.Server2 = servers.Length > 1 ? servers[1] : servers[0];
            }
            catch (Exception ex)
            {
                Debug.WriteLine("sntp: cannot set the servers: " + ex.Message);
            }
        }

        private static void StartSntp()
        {
            // The wall clock is only for timestamps (IClock.UnixSeconds); all timing runs on the tick count.
            try
            {
                if (!Sntp.IsStarted)
                {
                    Sntp.Start();
                }
                else
                {
                    Sntp.UpdateNow();
                }
            }
            catch (Exception ex)
            {
                Debug.WriteLine("sntp: " + ex.Message);
            }
        }

        /// <summary>
        /// True when a stored profile holds this network and its password with auto-connect on: the ESP32
        /// firmware then joins by itself at boot, and a ConnectDhcp would only rewrite the same profile.
        /// </summary>
        private static bool StoredProfileMatches(string ssid, string password)
        {
            if (ssid == null || ssid.Length == 0)
            {
                return false;
            }

            try
            {
                Wireless80211Configuration[] profiles = Wireless80211Configuration.GetAllWireless80211Configurations();
                for (int i = 0; i < profiles.Length; i++)
                {
                    Wireless80211Configuration p = profiles[i];
                    if (p == null || p.Ssid != ssid)
                    {
                        continue;
                    }

                    string stored = p.Password == null ? string.Empty : p.Password;
                    Wireless80211Configuration.ConfigurationOptions options = p.Options;
                    bool autoConnect = (options & Wireless80211Configuration.ConfigurationOptions.AutoConnect) == Wireless80211Configuration.ConfigurationOptions.AutoConnect
                        && (options & Wireless80211Configuration.ConfigurationOptions.Disable) == 0;
                    if (stored == password && autoConnect)
                    {
                        return true;
                    }
                }
            }
            catch (Exception ex)
            {
                Debug.WriteLine("wifi: cannot read the stored profiles: " + ex.Message);
            }

            return false;
        }

        private static bool HasIpAddress()
        {
            try
            {
                NetworkInterface[] interfaces = NetworkInterface.GetAllNetworkInterfaces();
                for (int i = 0; i < interfaces.Length; i++)
                {
                    NetworkInterface ni = interfaces[i];
                    if (ni.NetworkInterfaceType == NetworkInterfaceType.Wireless80211)
                    {
                        string ip = ni.IPv4Address;
                        return ip != null && ip.Length > 0 && ip != "0.0.0.0";
                    }
                }
            }
            catch (Exception)
            {
                // No interface information: treat as down; the next event or join tells again.
            }

            return false;
        }
    }
}
