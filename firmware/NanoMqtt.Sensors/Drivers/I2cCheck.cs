using NanoMqtt.Core.Hardware;
using NanoMqtt.Core.Sensors;

namespace NanoMqtt.Sensors.Drivers
{
    /// <summary>Maps bus results to sensor statuses and short texts, the same way for every driver.</summary>
    public static class I2cCheck
    {
        public static SensorStatus ToStatus(I2cResult result)
        {
            switch (result)
            {
                case I2cResult.Ok:
                    return SensorStatus.Ok;
                case I2cResult.AddressNack:
                    return SensorStatus.NoAck;
                case I2cResult.DataNack:
                    return SensorStatus.DataNack;
                case I2cResult.Timeout:
                    return SensorStatus.Timeout;
                default:
                    return SensorStatus.BusError;
            }
        }

        /// <summary>"no ACK at 0x76", "bus timeout at 0x44"...</summary>
        public static string Describe(I2cResult result, int address)
        {
            string what;
            switch (result)
            {
                case I2cResult.AddressNack:
                    what = "no ACK";
                    break;
                case I2cResult.DataNack:
                    what = "data NACK";
                    break;
                case I2cResult.Timeout:
                    what = "bus timeout";
                    break;
                case I2cResult.Ok:
                    what = "ok";
                    break;
                default:
                    what = "bus error";
                    break;
            }

            return what + " at " + Hex(address);
        }

        /// <summary>"0x76": hex without format strings, which nanoFramework supports only in part.</summary>
        public static string Hex(int value)
        {
            value &= 0xFF;
            return new string(new char[] { '0', 'x', HexDigit(value >> 4), HexDigit(value & 0xF) });
        }

        private static char HexDigit(int nibble)
        {
            return (char)(nibble < 10 ? '0' + nibble : 'a' + nibble - 10);
        }
    }
}
