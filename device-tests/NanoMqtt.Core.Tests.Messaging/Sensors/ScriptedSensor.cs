using System;
using NanoMqtt.Core.Sensors;

namespace NanoMqtt.Core.Tests.Sensors
{
    /// <summary>An ISensor whose answers a schedule test sets directly (the drivers have their own tests).</summary>
    public sealed class ScriptedSensor : ISensor
    {
        private readonly string[] _names;
        private readonly string[] _units;
        private readonly int[] _decimals;

        public ScriptedSensor(string[] names, string[] units, int[] decimals)
        {
            _names = names;
            _units = units;
            _decimals = decimals;
            Values = new long[names.Length];
        }

        /// <summary>One quantity, "temperature" in C with 2 decimals.</summary>
        public static ScriptedSensor Single()
        {
            return new ScriptedSensor(new string[] { "temperature" }, new string[] { "C" }, new int[] { 2 });
        }

        /// <summary>Three quantities like a BME280.</summary>
        public static ScriptedSensor Climate()
        {
            return new ScriptedSensor(new string[] { "temperature", "humidity", "pressure" },
                new string[] { "C", "%", "hPa" }, new int[] { 2, 1, 2 });
        }

        public long[] Values;
        public int WaitMs;
        public SensorStatus StartResult = SensorStatus.Ok;
        public SensorStatus CollectResult = SensorStatus.Ok;
        public string Detail;
        public int NotReadyCollects;
        public bool Throw;
        public int Starts;
        public int Collects;

        public int ChannelCount
        {
            get { return _names.Length; }
        }

        public string ChannelName(int channel)
        {
            return _names[channel];
        }

        public string Unit(int channel)
        {
            return _units[channel];
        }

        public int Decimals(int channel)
        {
            return _decimals[channel];
        }

        public string FaultDetail
        {
            get { return Detail; }
        }

        public void Set(long value)
        {
            Values[0] = value;
        }

        public SensorStatus Start(out int waitMs)
        {
            Starts++;
            waitMs = WaitMs;
            if (Throw)
            {
                throw new InvalidOperationException("driver bug");
            }

            return StartResult;
        }

        public SensorStatus Collect(long[] readings)
        {
            Collects++;
            if (NotReadyCollects > 0)
            {
                NotReadyCollects--;
                return SensorStatus.NotReady;
            }

            if (CollectResult != SensorStatus.Ok)
            {
                return CollectResult;
            }

            for (int i = 0; i < Values.Length; i++)
            {
                readings[i] = Values[i];
            }

            return SensorStatus.Ok;
        }
    }
}
