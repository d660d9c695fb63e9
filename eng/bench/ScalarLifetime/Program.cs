using System.Diagnostics;
using TorchSharp;
using static TorchSharp.torch;

// A Scalar made by an implicit conversion (t.mul_(0.9)) is referenced by nothing once its handle is read, so while
// libtorch runs the call a garbage collection on another thread can finalize it and free the native Scalar.
// Mode "implicit": TorchSharp's own pattern. Mode "held": the Scalar is a local disposed after the call.
string mode = args.Length > 0 ? args[0] : "implicit";
int seconds = args.Length > 1 ? int.Parse(args[1]) : 30;
torch.set_num_threads(1);
using var t = ones(8);
var stop = Stopwatch.StartNew();
var collector = new Thread(() =>
{
    while (stop.Elapsed.TotalSeconds < seconds)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
    }
}) { IsBackground = true };
collector.Start();
long calls = 0;
try
{
while (stop.Elapsed.TotalSeconds < seconds)
{
    for (int i = 0; i < 1000; i++)
    {
        if (mode == "held")
        {
            using var s = 1.0.ToScalar();
            t.mul_(s);
        }
        else
        {
            t.mul_(1.0);
        }
    }

    calls += 1000;
}

}
catch (System.Runtime.InteropServices.ExternalException e)
{
    Console.WriteLine($"{mode}: fault after about {calls} calls, {stop.Elapsed.TotalSeconds:F1} s: {e.Message.Split('\n')[0]}");
    return 1;
}

Console.WriteLine($"{mode}: {calls} calls in {seconds} s, no fault");
return 0;
