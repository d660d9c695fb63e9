using System.Diagnostics;
using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

// Every conv2d shape of docs/ONEDNN.md forward and backward, in single against double precision (libtorch computes
// double precision with its own kernels), then the time of a small conv net's forward and backward pass.
// Usage: ConvKernelCheck [--onednn-off]; set ONEDNN_MAX_CPU_ISA in the environment to hold oneDNN to an ISA.
torch.set_num_threads(1);
torch.random.manual_seed(1);
if (args.Contains("--onednn-off"))
{
    OneDnnSwitch.Disable();
}

int bad = 0, total = 0;
double worstBad = double.PositiveInfinity;
foreach (long ci in new long[] { 1, 2, 3, 4, 8, 12, 16, 24, 36, 48, 72 })
foreach (long co in new long[] { 2, 4, 8, 12, 24, 48, 96 })
foreach (long hw in new long[] { 28, 14, 7 })
foreach (long s in new long[] { 1, 2 })
{
    using var scope = NewDisposeScope();
    var x = rand(8, ci, hw, hw, dtype: ScalarType.Float64);
    var w = randn(co, ci, 3, 3, dtype: ScalarType.Float64) * 0.3;
    long o = ((hw + 2 - 3) / s) + 1;
    var g = randn(8, co, o, o, dtype: ScalarType.Float64);
    Tensor[] Run(ScalarType type)
    {
        var xx = x.to_type(type).requires_grad_(true);
        var ww = w.to_type(type).requires_grad_(true);
        var y = nn.functional.conv2d(xx, ww, strides: new[] { s, s }, padding: new long[] { 1, 1 });
        y.backward(new[] { g.to_type(type) });
        return new[] { y.detach().to_type(ScalarType.Float64), xx.grad!.to_type(ScalarType.Float64), ww.grad!.to_type(ScalarType.Float64) };
    }

    var single = Run(ScalarType.Float32);
    var twice = Run(ScalarType.Float64);
    double error = 0;
    for (int k = 0; k < 3; k++)
    {
        double e = ((single[k] - twice[k]).abs().max() / twice[k].abs().max()).item<double>();
        error = double.IsNaN(e) ? double.PositiveInfinity : Math.Max(error, e);
    }

    total++;
    if (error > 1e-4)
    {
        bad++;
        worstBad = Math.Min(worstBad, error);
    }
}

var net = nn.Sequential(nn.Conv2d(1, 24, 3, padding: 1), nn.ReLU(), nn.Conv2d(24, 24, 3, padding: 1), nn.ReLU(),
    nn.Conv2d(24, 48, 3, stride: 2, padding: 1), nn.ReLU(), nn.Conv2d(48, 48, 3, padding: 1));
var input = rand(32, 1, 28, 28);
for (int i = 0; i < 3; i++)
{
    using var scope = NewDisposeScope();
    net.forward(input).sum().backward();
}

var clock = Stopwatch.StartNew();
for (int i = 0; i < 20; i++)
{
    using var scope = NewDisposeScope();
    net.forward(input).sum().backward();
}

Console.WriteLine($"oneDNN {(args.Contains("--onednn-off") ? "off" : "on")}, ONEDNN_MAX_CPU_ISA={Environment.GetEnvironmentVariable("ONEDNN_MAX_CPU_ISA") ?? "(unset)"}: " +
    $"{bad} of {total} shapes wrong (smallest wrong error {(bad == 0 ? "-" : worstBad.ToString("G2"))}); small conv net fwd+bwd {clock.Elapsed.TotalMilliseconds / 20:F1} ms");

/// <summary>libtorch's <c>torch.backends.mkldnn.enabled = False</c> (not exposed by TorchSharp; see docs/ONEDNN.md).</summary>
internal static class OneDnnSwitch
{
    [DllImport("torch_cpu", EntryPoint = "_ZN2at13globalContextEv")]
    private static extern IntPtr GlobalContext();

    [DllImport("torch_cpu", EntryPoint = "_ZN2at7Context20setUserEnabledMkldnnEb")]
    private static extern void SetUserEnabledMkldnn(IntPtr context, [MarshalAs(UnmanagedType.I1)] bool enabled);

    public static void Disable() => SetUserEnabledMkldnn(GlobalContext(), false);
}
