using System;
using System.Diagnostics;
using System.Threading;
using NanoMqtt.Core.Config;
using NanoMqtt.Core.Connection;
using NanoMqtt.Core.Device;
using NanoMqtt.Core.Hardware;
using NanoMqtt.Core.Health;
using NanoMqtt.Core.Platform;
using NanoMqtt.Device.Hardware;
using NanoMqtt.Device.Platform;
using NanoMqtt.HomeAssistant;
using NanoMqtt.Sleep;

namespace NanoMqtt.Device
{
    /// <summary>
    /// The ESP32 application: wires the adapters to the core's FieldDevice and drives it from one thread.
    ///
    /// Which thread owns what:
    /// - The main thread (this loop) owns FieldDevice and with it every piece of the core's state (supervisor,
    ///   outbox, sensors, actuators, diag). It is the only caller of Step, of the IMqttLink / INetworkLink /
    ///   IHardwareFactory methods, of the settings store and of the status LED.
    /// - M2Mqtt's threads (receive, dispatch, keep-alive, inflight) and M2MqttLink's connect, disconnect and
    ///   abort threads touch only M2MqttLink's lock-guarded client reference and event queue.
    /// - WifiNetworkLink's join thread and the NetworkChange / Wi-Fi scan event thread touch only that link's
    ///   lock-guarded flags (up, joining, RSSI).
    /// - The GPIO event thread touches only each GpioDigitalInput's lock-guarded edge ring.
    /// Every one of them calls wake.Set() after queueing something, so the main loop steps at once instead of
    /// waiting for its next planned wake-up.
    /// - Each nanoFramework.IoT.Device binding's worker thread (BindingThreads) calls only its binding and
    ///   its sensor's lock-guarded BindingMailbox; the loop collects the result when the read's time is up.
    /// - The loop watchdog's thread reads only LoopWatchdog's lock-guarded last beat; once the loop has
    ///   stalled it writes the reboot reason to the settings store itself (the loop is stuck) and reboots.
    /// </summary>
    public static class Program
    {
        // A ceiling on the sleep, so that a clock or core mistake can never park the device for long.
        private const long MaxSleepMs = 60000;

        public static void Main()
        {
            var wake = new AutoResetEvent(false);
            var clock = new DeviceClock();
            var platform = new EspPlatform();
            LogHeap(platform, "boot");

            string source;
            string error;
            string storedProblem;
            DeviceConfig config = ConfigLoader.Load(out source, out error, out storedProblem);
            if (config == null)
            {
                RunWithoutConfig(error, clock, wake);
                return;
            }

            Debug.WriteLine("nanomqtt: device '" + config.DeviceId + "', settings from " + source
                + (CompiledConfig.HasSecrets ? ", secrets compiled in" : string.Empty));
            LogHeap(platform, "config");

            var hardware = new EspHardwareFactory(config.I2cSda, config.I2cScl, clock, wake);
            var ports = new DevicePorts
            {
                Mqtt = new M2MqttLink(wake),
                Network = new WifiNetworkLink(config.WifiSsid, config.WifiPassword, config.WifiRejoinAfterMs, config.SntpServers, clock, wake),
                Clock = clock,
                Jitter = new RandomJitter(Seed(config.DeviceId, clock.NowMs)),
                Settings = new FileSettingsStore(FileSettingsStore.DefaultPath),
                Platform = platform,
                Hardware = hardware,
                SensorKinds = SensorTypes.All(),
                // Created for a battery board's config ([power] mode = sleep) only; a build without NanoMqtt.Sleep sets null (README).
                Sleep = config.SleepMode ? new DeepSleepMode(new EspDeepSleep()) : null,
                ColdBoot = EspDeepSleep.ColdBoot(),
            };

            // FieldDevice starts discovery only when the config asks (or to retract an earlier announcement); a
            // build without NanoMqtt.HomeAssistant drops this line (README).
            ports.HomeAssistant = new HomeAssistantDiscovery();

            if (config.SleepMode && ports.ColdBoot && config.Sleep.DeployWindowMs > 0)
            {
                Debug.WriteLine("nanomqtt: power-on or reset in sleep mode: awake for " + (config.Sleep.DeployWindowMs / 1000).ToString()
                    + " s, so that Visual Studio can deploy");
            }

            var device = new FieldDevice(config, ports);
            if (storedProblem != null)
            {
                // Published on the error topic once the device is online.
                device.ReportProblem(FieldDevice.ConfigErrorCode, storedProblem);
            }

            var led = new StatusLed(OpenStatusLed(hardware, config.StatusLedPin, config.Target));
            LogHeap(platform, "device built");

            var watchdog = new LoopWatchdog(config.LoopStallMs, clock.NowMs);
            if (watchdog.Enabled)
            {
                ISettingsStore settings = ports.Settings;
                var watcher = new Thread(() => Watch(watchdog, clock, settings, platform));
                // Above the loop, so that a loop spinning in managed code cannot starve it.
                watcher.Priority = ThreadPriority.AboveNormal;
                watcher.Start();
            }

            bool first = true;
            while (true)
            {
                long now = clock.NowMs;
                long next = device.Step(now);
                watchdog.Beat(clock.NowMs);
                if (first)
                {
                    first = false;
                    LogHeap(platform, "first step");
                }

                long ledNext = led.Show(device.Supervisor.State, now);
                Sleep(wake, clock, next < ledNext ? next : ledNext);
            }
        }

        /// <summary>The loop watchdog's thread: reboots (with the reason recorded) when the step loop stops beating.</summary>
        private static void Watch(LoopWatchdog watchdog, DeviceClock clock, ISettingsStore settings, IDevicePlatform platform)
        {
            while (true)
            {
                Thread.Sleep((int)watchdog.CheckPeriodMs);
                if (watchdog.Check(clock.NowMs, settings, platform))
                {
                    Debug.WriteLine("nanomqtt: the main loop stalled; rebooting");
                    return;
                }
            }
        }

        /// <summary>The free managed heap after a collection, logged at each boot stage: where a small board runs short.</summary>
        private static void LogHeap(EspPlatform platform, string stage)
        {
            Debug.WriteLine("heap: " + platform.FreeHeapBytes.ToString() + " bytes free after " + stage);
        }

        /// <summary>No usable settings: log why every 10 s and blink the "config error" pattern for ever.</summary>
        private static void RunWithoutConfig(string error, DeviceClock clock, AutoResetEvent wake)
        {
            var led = new StatusLed(OpenStatusLed(new EspHardwareFactory(-1, -1, clock, wake), -1, null));
            long nextLogMs = 0;
            while (true)
            {
                long now = clock.NowMs;
                if (now >= nextLogMs)
                {
                    Debug.WriteLine("nanomqtt: no valid configuration: " + error
                        + ". Put nf.config (and nf.secrets) on the board with `nanomqtt flash`, or fix them and deploy again.");
                    nextLogMs = now + 10000;
                }

                long ledNext = led.ShowConfigError(now);
                Sleep(wake, clock, ledNext < nextLogMs ? ledNext : nextLogMs);
            }
        }

        /// <summary>The [board] status_led pin, or the board target's usual free pin when it is -1.</summary>
        private static IDigitalOutput OpenStatusLed(IHardwareFactory hardware, int configured, string target)
        {
            int pin = configured >= 0 ? configured : BoardPins.StatusLed(target != null ? target : "ESP32_REV");
            return pin < 0 ? null : hardware.OpenOutput(pin);
        }

        private static void Sleep(AutoResetEvent wake, DeviceClock clock, long untilMs)
        {
            long wait = untilMs - clock.NowMs;
            if (wait <= 0)
            {
                return;
            }

            wake.WaitOne((int)(wait > MaxSleepMs ? MaxSleepMs : wait), false);
        }

        private static int Seed(string deviceId, long nowMs)
        {
            int seed = (int)nowMs;
            for (int i = 0; i < deviceId.Length; i++)
            {
                seed = seed * 31 + deviceId[i];
            }

            return seed;
        }
    }
}
