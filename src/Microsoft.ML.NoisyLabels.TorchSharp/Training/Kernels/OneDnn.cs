using System.Runtime.InteropServices;

namespace Microsoft.ML.NoisyLabels.Training.Kernels
{
    /// <summary>
    /// libtorch's process-wide switch between oneDNN's CPU kernels and PyTorch's own (<c>torch.backends.mkldnn.enabled</c>
    /// in Python). TorchSharp 0.107 does not expose it, so it is reached through libtorch's exported C++ entry points
    /// (Itanium ABI: <c>at::globalContext()</c>, then the member functions with the context as first argument). Where
    /// they cannot be found (a Windows build mangles names differently) the switch is reported as unavailable.
    /// </summary>
    internal static class OneDnn
    {
        private const string Library = "torch_cpu";

        /// <summary>Whether libtorch may use oneDNN for convolutions; null when the switch cannot be reached.</summary>
        public static bool? Enabled
        {
            get
            {
                try
                {
                    return NativeMethods.UserEnabledMkldnn(NativeMethods.GlobalContext());
                }
                catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
                {
                    return null;
                }
            }
        }

        /// <summary>Turns oneDNN on or off for the whole process; false when the switch cannot be reached.</summary>
        public static bool TrySetEnabled(bool enabled)
        {
            try
            {
                NativeMethods.SetUserEnabledMkldnn(NativeMethods.GlobalContext(), enabled);
                return true;
            }
            catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
            {
                return false;
            }
        }

        private static class NativeMethods
        {
            [DllImport(Library, EntryPoint = "_ZN2at13globalContextEv")]
            public static extern IntPtr GlobalContext();

            [DllImport(Library, EntryPoint = "_ZNK2at7Context17userEnabledMkldnnEv")]
            [return: MarshalAs(UnmanagedType.I1)]
            public static extern bool UserEnabledMkldnn(IntPtr context);

            [DllImport(Library, EntryPoint = "_ZN2at7Context20setUserEnabledMkldnnEb")]
            public static extern void SetUserEnabledMkldnn(IntPtr context, [MarshalAs(UnmanagedType.I1)] bool enabled);
        }
    }
}
