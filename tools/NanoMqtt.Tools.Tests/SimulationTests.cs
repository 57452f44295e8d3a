using NanoMqtt.Core.Hardware;
using NanoMqtt.Core.Platform;
using NanoMqtt.Simulation;
using NanoMqtt.Simulation.Hardware;
using NanoMqtt.Testing;
using Xunit;

namespace NanoMqtt.Tools.Tests;

public sealed class HardwareModelTests
{
    private static SimEnvironment Env(double t, double h, double p, double lux)
    {
        return new SimEnvironment(1, new FakeClock()) { TemperatureOverride = t, HumidityOverride = h, PressureOverride = p, LuxOverride = lux };
    }

    [Fact]
    public void Bme280_reads_back_the_environment_through_the_datasheet_compensation()
    {
        var bme = new Bme280Model(Env(21.37, 48.5, 101_325, 0));
        byte[] id = new byte[1];
        Assert.Equal(I2cResult.Ok, bme.WriteRead(new byte[] { 0xD0 }, id));
        Assert.Equal(0x60, id[0]);

        byte[] calib = new byte[26];
        bme.WriteRead(new byte[] { 0x88 }, calib);
        Assert.Equal(Bme280Model.T1, (ushort)(calib[0] | calib[1] << 8));
        Assert.Equal(Bme280Model.P9, (short)(calib[22] | calib[23] << 8));
        byte[] h = new byte[7];
        bme.WriteRead(new byte[] { 0xE1 }, h);
        Assert.Equal(Bme280Model.H4, (short)(h[3] << 4 | (h[4] & 0x0F)));
        Assert.Equal(Bme280Model.H5, (short)(h[5] << 4 | h[4] >> 4));

        // Before a measurement the data registers hold their reset values.
        byte[] data = new byte[8];
        bme.WriteRead(new byte[] { 0xF7 }, data);
        Assert.Equal(0x80, data[3]);

        Assert.Equal(I2cResult.Ok, bme.Write(new byte[] { 0xF2, 0x01, 0xF4, 0x25 })); // forced mode, x1 oversampling
        Assert.Equal(0x24, bme.Register(0xF4)); // back to sleep after the measurement
        bme.WriteRead(new byte[] { 0xF7 }, data);
        int adcP = data[0] << 12 | data[1] << 4 | data[2] >> 4;
        int adcT = data[3] << 12 | data[4] << 4 | data[5] >> 4;
        int adcH = data[6] << 8 | data[7];
        double t = Bme280Model.CompensateTemperature(adcT, out double tFine);
        Assert.Equal(21.37, t, 2);
        Assert.Equal(101_325, Bme280Model.CompensatePressure(adcP, tFine), 0);
        Assert.Equal(48.5, Bme280Model.CompensateHumidity(adcH, tFine), 1);
    }

    [Fact]
    public void Bme280_datasheet_example_gives_25_08_degrees()
    {
        // The worked example of the datasheet's compensation: adc_T 519888 with these trims is 25.08 °C.
        Assert.Equal(25.08, Bme280Model.CompensateTemperature(519888, out _), 2);
    }

    [Fact]
    public void Sht31_single_shot_gives_two_words_with_sensirion_crc()
    {
        Assert.Equal(0x92, Sht31Model.Crc8(new byte[] { 0xBE, 0xEF }, 0, 2));
        var sht = new Sht31Model(Env(25, 60, 0, 0));
        byte[] buf = new byte[6];
        Assert.Equal(I2cResult.AddressNack, sht.Read(buf)); // nothing measured yet
        Assert.Equal(I2cResult.Ok, sht.Write(new byte[] { 0x24, 0x00 }));
        Assert.Equal(I2cResult.Ok, sht.Read(buf));
        Assert.Equal(buf[2], Sht31Model.Crc8(buf, 0, 2));
        Assert.Equal(buf[5], Sht31Model.Crc8(buf, 3, 2));
        Assert.Equal(25, -45 + 175.0 * (buf[0] << 8 | buf[1]) / 65535, 1);
        Assert.Equal(60, 100.0 * (buf[3] << 8 | buf[4]) / 65535, 1);

        sht.CorruptNextCrc = true;
        sht.WriteRead(new byte[] { 0x2C, 0x06 }, buf);
        Assert.NotEqual(buf[2], Sht31Model.Crc8(buf, 0, 2));
        Assert.Equal(I2cResult.DataNack, sht.Write(new byte[] { 0x12, 0x34 }));
    }

    [Fact]
    public void Bh1750_counts_lux_times_1_2_and_follows_mtreg()
    {
        var bh = new Bh1750Model(Env(0, 0, 0, 500));
        byte[] buf = new byte[2];
        bh.Write(new byte[] { 0x01 });
        bh.Write(new byte[] { 0x20 }); // one-time H-resolution
        bh.Read(buf);
        Assert.Equal(600, buf[0] << 8 | buf[1]);
        Assert.False(bh.PoweredOn);
        bh.Write(new byte[] { 0x42 }); // MTreg high bits 010 -> 69 becomes 0b010_00101 = 69
        bh.Write(new byte[] { 0x7F }); // low bits 11111 -> 0b010_11111 = 95
        Assert.Equal(95, bh.MeasurementTimeRegister);
        bh.Write(new byte[] { 0x10 });
        bh.Read(buf);
        Assert.Equal((int)Math.Round(500 * 1.2 * 95 / 69), buf[0] << 8 | buf[1]);
    }

    [Fact]
    public void Faults_and_absent_chips_come_back_as_result_codes()
    {
        var hw = new SimHardwareFactory(new FakeClock(), 3);
        Assert.Equal(I2cResult.AddressNack, hw.OpenI2c(0x50).Read(new byte[1]));
        hw.Bme280.FailNextTransfers(2);
        Assert.Equal(I2cResult.Timeout, hw.Bme280.Read(new byte[1]));
        Assert.Equal(I2cResult.Timeout, hw.Bme280.Read(new byte[1]));
        Assert.Equal(I2cResult.Ok, hw.Bme280.Read(new byte[1]));
        hw.Sht31.Absent = true;
        Assert.Equal(I2cResult.AddressNack, hw.OpenI2c(0x44).Write(new byte[] { 0x24, 0x00 }));
        hw.BrokenPins.Add(13);
        Assert.Null(hw.OpenOutput(13));
    }

    [Fact]
    public void Inputs_queue_changes_with_the_device_time_and_wake_the_device()
    {
        var clock = new FakeClock { NowMs = 1234 };
        var hw = new SimHardwareFactory(clock, 1);
        int wakes = 0;
        hw.InputChanged = () => wakes++;
        var input = (SimDigitalInput)hw.OpenInput(4, pullUp: true, 50);
        Assert.True(input.Read());
        input.Set(false);
        clock.NowMs = 1300;
        input.Toggle();
        Assert.Equal(2, wakes);
        Assert.True(input.TryTakeChange(out bool level, out long at));
        Assert.False(level);
        Assert.Equal(1234, at);
        Assert.True(input.TryTakeChange(out level, out at));
        Assert.True(level);
        Assert.Equal(1300, at);
        Assert.False(input.TryTakeChange(out _, out _));
    }

    [Fact]
    public void The_environment_drifts_smoothly_and_differs_between_seeds()
    {
        var clock = new FakeClock();
        var a = new SimEnvironment(1, clock);
        var b = new SimEnvironment(2, clock);
        double previous = a.TemperatureC;
        for (int i = 1; i <= 100; i++)
        {
            clock.NowMs = i * 1000;
            Assert.InRange(Math.Abs(a.TemperatureC - previous), 0, 0.1);
            previous = a.TemperatureC;
            Assert.InRange(a.HumidityPercent, 0, 100);
        }

        Assert.NotEqual(a.TemperatureC, b.TemperatureC);
    }

    [Fact]
    public void Settings_and_platform_behave_like_the_board()
    {
        var settings = new MemorySettingsStore();
        Assert.Null(settings.Read("k"));
        Assert.True(settings.Write("k", "v"));
        Assert.Equal("v", settings.Read("k"));
        Assert.True(settings.Write("k", null));
        Assert.Null(settings.Read("k"));
        settings.FailWrites = true;
        Assert.False(settings.Write("k", "v"));

        var platform = new SimDevicePlatform();
        Assert.Equal("power_on", platform.HardwareResetReason);
        Assert.False(platform.TakeRebootRequest());
        platform.Reboot();
        Assert.True(platform.TakeRebootRequest());
        Assert.False(platform.TakeRebootRequest());
        Assert.Equal("software", platform.HardwareResetReason);

        var jitterA = new SeededJitter(5);
        var jitterB = new SeededJitter(5);
        Assert.Equal(Enumerable.Range(0, 10).Select(_ => jitterA.Next(1000)), Enumerable.Range(0, 10).Select(_ => jitterB.Next(1000)));
        Assert.Equal(0, jitterA.Next(0));
    }
}

public sealed class DeviceHostTests
{
    private sealed class Ticker : ISteppedDevice
    {
        public readonly List<long> Steps = new List<long>();
        public int Threads;
        public int Shutdowns;
        private int _inside;
        public long Period = 50;
        public long Limit = long.MaxValue;

        public long Step(long nowMs)
        {
            if (Interlocked.Increment(ref _inside) != 1)
            {
                Threads = -1000; // two steps at once: the host broke its promise
            }

            lock (Steps)
            {
                Steps.Add(nowMs);
            }

            Interlocked.Decrement(ref _inside);
            return Steps.Count >= Limit ? nowMs + 3_600_000 : nowMs + Period;
        }

        public void Shutdown() => Shutdowns++;

        public bool IsStopped => Shutdowns > 0;
    }

    [Fact]
    public async Task Steps_each_device_at_its_wake_time_and_at_once_when_woken()
    {
        using var host = new DeviceHost(threads: 2);
        var sleeper = new Ticker { Limit = 1 };
        var clock = new SystemClock();
        HostedDevice hosted = host.Add(sleeper, clock);
        host.Start();
        await WaitUntil(() => hosted.Steps == 1);
        hosted.Wake();
        await WaitUntil(() => hosted.Steps == 2);
        Assert.Equal(2, sleeper.Steps.Count);
        await host.StopAsync();
        Assert.Equal(1, sleeper.Shutdowns);
    }

    [Fact]
    public async Task Many_devices_share_few_threads_and_each_is_never_stepped_twice_at_once()
    {
        var host = new DeviceHost(threads: 2);
        var tickers = Enumerable.Range(0, 2000).Select(_ => new Ticker { Period = 20 }).ToArray();
        var hosted = tickers.Select(t => host.Add(t, new SystemClock())).ToArray();
        host.Start();
        // Wake-ups race with timed steps; a device must still run on one thread at a time.
        for (int i = 0; i < 5; i++)
        {
            foreach (HostedDevice h in hosted)
            {
                h.Wake();
            }
        }

        await WaitUntil(() => tickers.All(t => t.Steps.Count >= 5));
        await host.StopAsync();
        Assert.All(tickers, t => Assert.True(t.Threads >= 0));
        Assert.All(tickers, t => Assert.Equal(1, t.Shutdowns));
        Assert.Equal(0, host.Faults);
    }

    [Fact]
    public async Task A_step_that_throws_is_counted_and_the_device_is_stepped_again()
    {
        var host = new DeviceHost(threads: 1);
        var device = new Throwing();
        var hosted = host.Add(device, new SystemClock());
        host.Start();
        await WaitUntil(() => host.Faults >= 1);
        Assert.IsType<InvalidOperationException>(hosted.LastFault);
        await host.StopAsync(false);
    }

    private sealed class Throwing : ISteppedDevice
    {
        public long Step(long nowMs) => throw new InvalidOperationException("boom");
        public void Shutdown() { }
        public bool IsStopped => true;
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met within 10 s");
            await Task.Delay(10);
        }
    }
}

public sealed class SequenceTrackerTests
{
    [Fact]
    public void Gaps_duplicates_late_arrivals_and_restarts_are_told_apart_per_stream()
    {
        var t = new SequenceTracker();
        Assert.Equal(SequenceVerdict.InOrder, t.Observe("a", 1).Verdict);
        Assert.Equal(SequenceVerdict.InOrder, t.Observe("a", 2).Verdict);
        Assert.Equal(new SequenceResult(SequenceVerdict.Gap, 3, 3), t.Observe("a", 6));
        Assert.Equal(SequenceVerdict.Duplicate, t.Observe("a", 6).Verdict);
        Assert.Equal(SequenceVerdict.Duplicate, t.Observe("a", 2).Verdict);
        Assert.Equal(SequenceVerdict.Late, t.Observe("a", 4).Verdict);
        Assert.Equal(SequenceVerdict.InOrder, t.Observe("b", 40).Verdict);
        Assert.Equal(SequenceVerdict.Restart, t.Observe("a", 1).Verdict);
        var a = t.Stats["a"];
        Assert.Equal(1, a.Gaps);
        Assert.Equal(2, a.Missing);
        Assert.Equal(2, a.Duplicates);
        Assert.Equal(1, a.Late);
        Assert.Equal(1, a.Restarts);
        Assert.Equal(1, t.Stats["b"].Received);
    }
}
