using System.Collections;
using NanoMqtt.Core.Hardware;

namespace NanoMqtt.Core.Tests.Fakes
{
    /// <summary>
    /// A register-level I2C chip for driver tests. Register chips (BME280): a write of (register, value)
    /// pairs stores into <see cref="Registers"/>, a write-read of one register byte reads from there with
    /// auto-increment. Command chips (SHT3x, BH1750): plain reads return the queued responses in order.
    /// Faults: <see cref="FailWith"/> fails every transfer (absent chip, stuck bus) until reset,
    /// <see cref="FailNext"/> the next few, <see cref="NotReadyReads"/> makes reads NACK like a chip that is
    /// still converting, and <see cref="CorruptNextRead"/> flips a bit of the next response (bad CRC).
    /// </summary>
    public sealed class FakeI2cBus : II2cBus
    {
        public delegate void WriteHandler(FakeI2cBus bus, byte[] data);

        private readonly int _address;
        private readonly ArrayList _responses = new ArrayList();
        private int _failNextCount;
        private I2cResult _failNextResult;

        public FakeI2cBus(int address)
        {
            _address = address;
        }

        public readonly byte[] Registers = new byte[256];

        /// <summary>Copies of every successful Write, in order.</summary>
        public readonly ArrayList Writes = new ArrayList();

        /// <summary>Not Ok: every transfer fails with this.</summary>
        public I2cResult FailWith = I2cResult.Ok;

        /// <summary>Plain reads that answer AddressNack before the queued response is given.</summary>
        public int NotReadyReads;

        public bool CorruptNextRead;

        /// <summary>Called after each successful Write, so a test can model the chip's reaction.</summary>
        public WriteHandler OnWrite;

        public int Transfers;

        public int Address
        {
            get { return _address; }
        }

        public void FailNext(int count, I2cResult result)
        {
            _failNextCount = count;
            _failNextResult = result;
        }

        public void EnqueueRead(byte[] response)
        {
            _responses.Add(response);
        }

        public int PendingReads
        {
            get { return _responses.Count; }
        }

        /// <summary>Stores bytes at consecutive registers from start.</summary>
        public void SetRegisters(int start, byte[] values)
        {
            for (int i = 0; i < values.Length; i++)
            {
                Registers[(start + i) & 0xFF] = values[i];
            }
        }

        /// <summary>The i-th successful write as hex ("f425"), for compact asserts.</summary>
        public string WriteHex(int i)
        {
            byte[] w = (byte[])Writes[i];
            const string digits = "0123456789abcdef";
            char[] chars = new char[w.Length * 2];
            for (int k = 0; k < w.Length; k++)
            {
                chars[2 * k] = digits[w[k] >> 4];
                chars[2 * k + 1] = digits[w[k] & 0xF];
            }

            return new string(chars);
        }

        public I2cResult Write(byte[] data)
        {
            I2cResult failure = Failure();
            if (failure != I2cResult.Ok)
            {
                return failure;
            }

            byte[] copy = new byte[data.Length];
            System.Array.Copy(data, copy, data.Length);
            Writes.Add(copy);
            for (int i = 0; i + 1 < data.Length; i += 2)
            {
                Registers[data[i]] = data[i + 1];
            }

            if (OnWrite != null)
            {
                OnWrite(this, copy);
            }

            return I2cResult.Ok;
        }

        public I2cResult Read(byte[] buffer)
        {
            I2cResult failure = Failure();
            if (failure != I2cResult.Ok)
            {
                return failure;
            }

            if (NotReadyReads > 0)
            {
                NotReadyReads--;
                return I2cResult.AddressNack;
            }

            if (_responses.Count == 0)
            {
                return I2cResult.BusError;
            }

            byte[] response = (byte[])_responses[0];
            _responses.RemoveAt(0);
            int n = response.Length < buffer.Length ? response.Length : buffer.Length;
            System.Array.Copy(response, buffer, n);
            Corrupt(buffer);
            return n == buffer.Length ? I2cResult.Ok : I2cResult.BusError;
        }

        public I2cResult WriteRead(byte[] write, byte[] read)
        {
            I2cResult failure = Failure();
            if (failure != I2cResult.Ok)
            {
                return failure;
            }

            int start = write.Length > 0 ? write[0] : 0;
            for (int i = 0; i < read.Length; i++)
            {
                read[i] = Registers[(start + i) & 0xFF];
            }

            Corrupt(read);
            return I2cResult.Ok;
        }

        private void Corrupt(byte[] buffer)
        {
            if (CorruptNextRead && buffer.Length > 0)
            {
                CorruptNextRead = false;
                buffer[buffer.Length - 1] ^= 0x01;
            }
        }

        private I2cResult Failure()
        {
            Transfers++;
            if (FailWith != I2cResult.Ok)
            {
                return FailWith;
            }

            if (_failNextCount > 0)
            {
                _failNextCount--;
                return _failNextResult;
            }

            return I2cResult.Ok;
        }
    }
}
