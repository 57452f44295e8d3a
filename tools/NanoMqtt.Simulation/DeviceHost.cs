using System.Collections.Concurrent;
using NanoMqtt.Core.Platform;

namespace NanoMqtt.Simulation;

/// <summary>Something the host steps: a simulated device (or any step function of the core).</summary>
public interface ISteppedDevice
{
    /// <summary>Runs one step at the device's time; returns the device time at which it wants the next.</summary>
    long Step(long nowMs);

    /// <summary>A planned stop (Ctrl+C): publish `offline` and disconnect. Runs on the device's thread.</summary>
    void Shutdown();

    /// <summary>True once the planned stop is complete; until then the host keeps stepping the device.</summary>
    bool IsStopped { get; }
}

/// <summary>A device in a <see cref="DeviceHost"/>: its wake-up handle and counters.</summary>
public sealed class HostedDevice
{
    internal readonly DeviceHost.Worker Worker;
    internal int Version;
    internal int WakePending;
    private long _steps;

    internal HostedDevice(ISteppedDevice device, IClock clock, DeviceHost.Worker worker)
    {
        Device = device;
        Clock = clock;
        Worker = worker;
    }

    public ISteppedDevice Device { get; }
    public IClock Clock { get; }
    public long Steps => Interlocked.Read(ref _steps);
    internal Exception LastFaultField;

    public Exception LastFault => Volatile.Read(ref LastFaultField);

    /// <summary>Steps the device as soon as its thread is free (its link queued an event, an input changed).</summary>
    public void Wake()
    {
        if (Interlocked.Exchange(ref WakePending, 1) == 0)
        {
            Worker.Woken.Enqueue(this);
            Worker.Signal.Set();
        }
    }

    internal void CountStep() => Interlocked.Increment(ref _steps);
}

/// <summary>
/// Runs many devices on a few threads. Each device belongs to one worker thread, so all its steps run on
/// one thread, one at a time, as on the board. A worker keeps its devices in a priority queue by wake
/// time and sleeps until the earliest one, or until a device is woken by its link or an input: 10,000
/// idle devices cost a queue entry each, not a thread or a timer.
/// </summary>
public sealed class DeviceHost : IDisposable
{
    private readonly Worker[] _workers;
    private int _next;
    private long _faults;
    private long _maxLagMs;

    public DeviceHost(int threads = 0)
    {
        int n = threads > 0 ? threads : Math.Max(1, Environment.ProcessorCount);
        _workers = new Worker[n];
        for (int i = 0; i < n; i++)
        {
            _workers[i] = new Worker(this, i);
        }
    }

    public int Threads => _workers.Length;

    /// <summary>How long a stop keeps stepping devices that have not finished their shutdown.</summary>
    public int ShutdownTimeoutMs { get; set; } = 10_000;

    /// <summary>Steps that threw. The device is stepped again a second later; the host keeps running.</summary>
    public long Faults => Interlocked.Read(ref _faults);

    /// <summary>The latest a step ran after its wake time: the host is overloaded when this grows.</summary>
    public long MaxLagMs => Interlocked.Read(ref _maxLagMs);

    /// <summary>Raised (on the worker thread) when a step throws.</summary>
    public event Action<HostedDevice, Exception> DeviceFaulted;

    /// <summary>Adds a device; it is first stepped at once. Safe before or after <see cref="Start"/>.</summary>
    public HostedDevice Add(ISteppedDevice device, IClock clock)
    {
        Worker worker = _workers[(Interlocked.Increment(ref _next) - 1) % _workers.Length];
        var hosted = new HostedDevice(device, clock, worker);
        worker.Added.Enqueue(hosted);
        worker.Signal.Set();
        return hosted;
    }

    public void Start()
    {
        foreach (Worker w in _workers)
        {
            w.Start();
        }
    }

    /// <summary>Stops stepping; with <paramref name="shutdownDevices"/>, calls Shutdown on each device on its own thread first.</summary>
    public Task StopAsync(bool shutdownDevices = true)
    {
        var done = new Task[_workers.Length];
        for (int i = 0; i < _workers.Length; i++)
        {
            done[i] = _workers[i].Stop(shutdownDevices);
        }

        return Task.WhenAll(done);
    }

    public void Dispose()
    {
        StopAsync(false).Wait(5000);
    }

    internal void ReportFault(HostedDevice device, Exception ex)
    {
        // The fault first, then the count: whoever sees the count (a test, a view) can read the fault.
        Volatile.Write(ref device.LastFaultField, ex);
        Interlocked.Increment(ref _faults);
        DeviceFaulted?.Invoke(device, ex);
    }

    internal void ReportLag(long lag)
    {
        long current;
        while (lag > (current = Interlocked.Read(ref _maxLagMs)))
        {
            if (Interlocked.CompareExchange(ref _maxLagMs, lag, current) == current)
            {
                break;
            }
        }
    }

    internal sealed class Worker
    {
        internal readonly ConcurrentQueue<HostedDevice> Woken = new ConcurrentQueue<HostedDevice>();
        internal readonly ConcurrentQueue<HostedDevice> Added = new ConcurrentQueue<HostedDevice>();
        internal readonly AutoResetEvent Signal = new AutoResetEvent(false);

        private readonly DeviceHost _host;
        private readonly int _index;
        private readonly PriorityQueue<(HostedDevice Device, int Version), long> _queue = new PriorityQueue<(HostedDevice, int), long>();
        private readonly List<HostedDevice> _devices = new List<HostedDevice>();
        private readonly TaskCompletionSource _stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        private Thread _thread;
        private volatile int _stopMode; // 0 running, 1 stop, 2 stop after Shutdown

        internal Worker(DeviceHost host, int index)
        {
            _host = host;
            _index = index;
        }

        internal void Start()
        {
            if (_thread != null)
            {
                return;
            }

            _thread = new Thread(Run) { IsBackground = true, Name = "device-host-" + _index };
            _thread.Start();
        }

        internal Task Stop(bool shutdownDevices)
        {
            _stopMode = shutdownDevices ? 2 : 1;
            Signal.Set();
            if (_thread == null)
            {
                // Never started: shut down here, nobody else owns these devices.
                Finish();
            }

            return _stopped.Task;
        }

        private void Run()
        {
            try
            {
                while (_stopMode == 0)
                {
                    RunRound();
                }
            }
            finally
            {
                Finish();
            }
        }

        private void Finish()
        {
            if (_stopped.Task.IsCompleted)
            {
                return;
            }

            while (Added.TryDequeue(out HostedDevice added))
            {
                _devices.Add(added);
            }

            if (_stopMode == 2)
            {
                foreach (HostedDevice d in _devices)
                {
                    try
                    {
                        d.Device.Shutdown();
                    }
                    catch (Exception ex)
                    {
                        _host.ReportFault(d, ex);
                    }
                }

                // The core finishes its stop in later steps (it waits for `offline` to be acknowledged).
                long deadline = SystemClock.ProcessMs + _host.ShutdownTimeoutMs;
                while (SystemClock.ProcessMs < deadline && _devices.Any(d => !Stopped(d)))
                {
                    RunRound(stopping: true);
                }
            }

            _stopped.TrySetResult();
        }

        private bool Stopped(HostedDevice d)
        {
            try
            {
                return d.Device.IsStopped;
            }
            catch (Exception)
            {
                return true;
            }
        }

        private void RunRound(bool stopping = false)
        {
            long roundNow = SystemClock.ProcessMs;
            while (Added.TryDequeue(out HostedDevice added))
            {
                _devices.Add(added);
                StepNow(added, roundNow);
            }

            while (Woken.TryDequeue(out HostedDevice woken))
            {
                Volatile.Write(ref woken.WakePending, 0);
                StepNow(woken, roundNow);
            }

            while ((stopping || _stopMode == 0) && _queue.TryPeek(out var entry, out long due) && due <= roundNow)
            {
                _queue.Dequeue();
                if (entry.Version != entry.Device.Version)
                {
                    continue; // superseded by a wake-up step
                }

                _host.ReportLag(SystemClock.ProcessMs - due);
                StepNow(entry.Device, roundNow);
            }

            if (!Woken.IsEmpty || !Added.IsEmpty || (_stopMode != 0 && !stopping))
            {
                return;
            }

            long wait = stopping ? 50 : 1000;
            if (_queue.TryPeek(out _, out long nextDue))
            {
                wait = Math.Clamp(nextDue - SystemClock.ProcessMs, 0, wait);
            }

            if (wait > 0)
            {
                Signal.WaitOne((int)wait);
            }
        }

        private void StepNow(HostedDevice d, long roundNow)
        {
            long deviceNow = d.Clock.NowMs;
            long next;
            try
            {
                next = d.Device.Step(deviceNow);
            }
            catch (Exception ex)
            {
                _host.ReportFault(d, ex);
                next = deviceNow + 1000;
            }

            d.CountStep();
            long delay = next - deviceNow;
            long due = delay <= 0 ? roundNow + 1 : SystemClock.ProcessMs + delay;
            d.Version++;
            _queue.Enqueue((d, d.Version), due);
        }
    }
}
