using System.Device.Gpio;
using System.Threading;
using nanoFramework.TestFramework;
using NanoMqtt.Core.Config;

namespace NanoMqtt.Device.Tests
{
    /// <summary>
    /// Two GPIOs wired together (hardware/README.md, "loopback jumper"): what one drives, the other reads, and
    /// the input's ValueChanged event (the one GpioDigitalInput queues) fires with the right edge.
    /// </summary>
    [TestClass]
    public class GpioLoopbackTests
    {
        [TestMethod]
        public void InputFollowsTheOutput()
        {
            DeviceConfig config = RigSettings.Load();
            using (var gpio = new GpioController())
            {
                GpioPin output = gpio.OpenPin(RigSettings.LoopbackOut(config.Target), PinMode.Output);
                GpioPin input = gpio.OpenPin(RigSettings.LoopbackIn(config.Target), PinMode.Input);

                output.Write(PinValue.High);
                Thread.Sleep(5);
                Assert.IsTrue(input.Read() == PinValue.High, "input low while the output is high: is the loopback jumper in place?");

                output.Write(PinValue.Low);
                Thread.Sleep(5);
                Assert.IsTrue(input.Read() == PinValue.Low, "input high while the output is low: is the jumper on the right pins?");
            }
        }

        [TestMethod]
        public void RisingEdgeRaisesValueChanged()
        {
            DeviceConfig config = RigSettings.Load();
            using (var gpio = new GpioController())
            {
                GpioPin output = gpio.OpenPin(RigSettings.LoopbackOut(config.Target), PinMode.Output);
                GpioPin input = gpio.OpenPin(RigSettings.LoopbackIn(config.Target), PinMode.Input);
                output.Write(PinValue.Low);
                Thread.Sleep(5);

                var seen = new AutoResetEvent(false);
                var edges = new PinEventTypes[1];
                input.ValueChanged += (sender, e) =>
                {
                    edges[0] = e.ChangeType;
                    seen.Set();
                };

                output.Write(PinValue.High);
                Assert.IsTrue(seen.WaitOne(500, false), "no ValueChanged event within 500 ms of the rising edge");
                Assert.IsTrue(edges[0] == PinEventTypes.Rising, "the event did not report a rising edge");
            }
        }
    }
}
