using TorchSharp;
using static TorchSharp.torch;

namespace Microsoft.ML.NoisyLabels.Training
{
    /// <summary>Chooses where training runs, from the ML.NET context: CUDA when <c>GpuDeviceId</c> is set, else CPU.</summary>
    internal static class DeviceSelection
    {
        public static Device Select(MLContext ml, Action<string> warn)
        {
            if (ml.GpuDeviceId is not int id)
            {
                return CPU;
            }

            string? reason = null;
            try
            {
                InitializeDeviceType(DeviceType.CUDA);
                if (!cuda.is_available())
                {
                    reason = "TorchSharp reports no CUDA device";
                }
                else if (id < 0 || id >= cuda.device_count())
                {
                    reason = $"there are {cuda.device_count()} CUDA devices";
                }
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                reason = ex.Message;
            }

            if (reason is null)
            {
                return new Device(DeviceType.CUDA, id);
            }

            string message = $"MLContext.GpuDeviceId asks for CUDA device {id}, but {reason}. Reference a CUDA build of libtorch " +
                "(TorchSharp-cuda-linux, or LD_LIBRARY_PATH pointing at a PyTorch installation's torch/lib) on a machine with a GPU";
            if (ml.FallbackToCpu)
            {
                warn(message + "; training on the CPU because MLContext.FallbackToCpu is set.");
                return CPU;
            }

            throw new InvalidOperationException(message + ", or set MLContext.FallbackToCpu to train on the CPU instead.");
        }
    }
}
