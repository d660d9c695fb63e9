using System.Globalization;
using System.Runtime.InteropServices;
using FusionBench;
using Microsoft.ML.NoisyLabels.Fusion;

// Fusion speed: through the public API beside ITK on random volumes (the figures to quote); the math alone and
// through ML.NET on 10,000 MNIST masks (28 x 28); the math alone on one 181 x 217 x 181 atlas volume.
// Usage: FusionBench [--data DIR] [--images N] [--repeats K] [--itk PATH] [--work DIR] [--skip-api] [--skip-mnist] [--skip-volume] [--profile]
// Run it through eng/bench/run-fusion-bench.sh, which builds the ITK program too.
var options = Arguments.Parse(args);
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
Console.WriteLine($"FusionBench: {Environment.ProcessorCount} cores, .NET {Environment.Version}, {RuntimeInformation.OSDescription}");
if (File.Exists("/proc/loadavg"))
{
    // Other work on the machine changes every figure: the load at the start says how much there was.
    Console.WriteLine($"Load average at start: {File.ReadAllText("/proc/loadavg").Trim()}");
}

if (options.Profile)
{
    Console.WriteLine();
    ProfileBench.Run(options.Repeats);
    SpatialProfile.Run();
}

if (!options.SkipApi)
{
    Console.WriteLine();
    Console.WriteLine($"Through the public API (Fit + Transform + reading the fused column, default options), random volumes, {options.Repeats} rounds;");
    Console.WriteLine("each round times ITK (STAPLEImageFilter's Update() alone, median of 3 in its process), then STAPLE, vote and mean label once each,");
    Console.WriteLine("so that the machine's load weighs on all alike. Times: medians over the rounds; ratios: medians of the rounds' ratios (ITK / ours, STAPLE / vote, ...).");
    Console.WriteLine($"{"volume (x y z)",-16} {"raters",6} {"voxels",10} {"ITK ms",9} {"STAPLE ms",10} {"ratio",7} {"vote ms",8} {"mean ms",8} {"STAPLE/vote",12} {"STAPLE/mean",12} {"Spatial ms",11} {"ratio",7}");
    for (int c = 0; c < ApiBench.Cases.Length; c++)
    {
        var (w, h, d, r) = ApiBench.Cases[c];
        var bench = new ApiBench(w, h, d, r, seed: 100 + c);
        // Every method twice before any is timed, so that each is compiled and its buffers exist.
        foreach (var method in new[] { Method.Staple, Method.MajorityVote, Method.MeanLabel, Method.Staple, Method.MajorityVote, Method.MeanLabel })
        {
            bench.Once(method);
        }

        string folder = Path.Combine(options.Work, $"api{c}");
        if (options.Itk is not null)
        {
            bench.WriteRaw(folder);
        }

        var rounds = new List<(double Itk, double Staple, double Vote, double Mean)>();
        for (int round = 0; round < options.Repeats; round++)
        {
            double itkRound = options.Itk is null ? double.NaN : new ItkRunner(options.Itk, folder, w, h, d, r, 3).MedianSeconds * 1000;
            rounds.Add((itkRound, bench.Once(Method.Staple), bench.Once(Method.MajorityVote), bench.Once(Method.MeanLabel)));
        }

        double itk = Timing.MedianOf(rounds.Select(x => x.Itk));
        double staple = Timing.MedianOf(rounds.Select(x => x.Staple));
        double vote = Timing.MedianOf(rounds.Select(x => x.Vote));
        double mean = Timing.MedianOf(rounds.Select(x => x.Mean));
        // Spatial STAPLE on the largest volume only: the report compares it with ITK's STAPLE there.
        double spatial = c == 0 ? bench.Milliseconds(Method.SpatialStaple, Math.Min(options.Repeats, 3)) : double.NaN;
        string Ms(double v) => double.IsNaN(v) ? "-" : v.ToString("F1");
        string Ratio(double v) => double.IsNaN(v) ? "-" : v.ToString("F2");
        Console.WriteLine($"{$"{w}x{h}x{d}",-16} {r,6} {bench.Voxels,10} {Ms(itk),9} {Ms(staple),10} {Ratio(Timing.MedianOf(rounds.Select(x => x.Itk / x.Staple))),7} " +
            $"{Ms(vote),8} {Ms(mean),8} {Ratio(Timing.MedianOf(rounds.Select(x => x.Staple / x.Vote))),12} {Ratio(Timing.MedianOf(rounds.Select(x => x.Staple / x.Mean))),12} " +
            $"{Ms(spatial),11} {Ratio(itk / spatial),7}");
    }
}

var mnistSpatial = new SpatialStapleSettings { WindowRadius = 3 };
var volumeSpatial = new SpatialStapleSettings();
var methods = new[] { Method.MajorityVote, Method.MeanLabel, Method.Staple, Method.StaplePerPixel, Method.SpatialStaple };

if (!options.SkipMnist)
{
    var mnist = new MnistBench(options.Data, options.Images, mnistSpatial);
    Console.WriteLine();
    Console.WriteLine($"MNIST: {mnist.Count} images of 28 x 28, {Annotators.Count} annotators, Spatial STAPLE radius {mnistSpatial.WindowRadius}; median of {options.Repeats} runs");
    Console.WriteLine($"{"method",-22} {"math img/s",12} {"STAPLE / it",12} {"ML.NET img/s",14} {"mean iterations",16}");
    // Every method once before any is timed: tiered compilation then has the shared code optimised for all of them.
    foreach (var method in methods)
    {
        mnist.MathThroughput(method, 1, out _);
        if (method != Method.StaplePerPixel)
        {
            mnist.PipelineThroughput(method, 1);
        }
    }

    var rows = new List<(Method Method, double Math, string Pipeline, double Iterations)>();
    foreach (var method in methods)
    {
        double math = mnist.MathThroughput(method, options.Repeats, out double iterations);
        string pipeline = method == Method.StaplePerPixel ? "-" : mnist.PipelineThroughput(method, options.Repeats).ToString("F0");
        rows.Add((method, math, pipeline, iterations));
    }

    // "STAPLE / it": how many times slower than STAPLE's math (time per image relative to STAPLE's).
    double staple = rows.Single(r => r.Method == Method.Staple).Math;
    foreach (var row in rows)
    {
        Console.WriteLine($"{Name(row.Method),-22} {row.Math,12:F0} {staple / row.Math,12:F2} {row.Pipeline,14} {row.Iterations,16:F1}");
    }
}

if (!options.SkipVolume)
{
    var volume = new VolumeBench(Path.Combine(options.Data, "mri", "JHU-WhiteMatter-labels-1mm.nii.gz"), volumeSpatial);
    Console.WriteLine();
    Console.WriteLine($"Volume: {VolumeBench.Depth} x {VolumeBench.Height} x {VolumeBench.Width} (JHU white-matter atlas > 0, {volume.Foreground} voxels), " +
        $"{Annotators.Count} annotators, Spatial STAPLE defaults (radius {volumeSpatial.WindowRadius}); median of {options.Repeats} runs");
    ItkRunner? itk = null;
    if (options.Itk is not null)
    {
        volume.WriteRaw(options.Work);
        itk = new ItkRunner(options.Itk, options.Work, VolumeBench.Width, VolumeBench.Height, VolumeBench.Depth, Annotators.Count, options.Repeats);
    }

    var seconds = new Dictionary<Method, double>();
    var iterations = new Dictionary<Method, int>();
    foreach (var method in methods)
    {
        seconds[method] = volume.Seconds(method, options.Repeats, out int n);
        iterations[method] = n;
        if (method == Method.Staple && itk is not null)
        {
            CrossCheck(volume, itk, n);
        }
    }

    Console.WriteLine($"{"method",-26} {"seconds",9} {"iterations",11} {"vs STAPLE",10} {"vs ITK STAPLE",14}");
    if (itk is not null)
    {
        Console.WriteLine($"{"ITK STAPLEImageFilter",-26} {itk.MedianSeconds,9:F3} {itk.ElapsedIterations + 1,11} {itk.MedianSeconds / seconds[Method.Staple],10:F2} {1.0,14:F2}");
    }

    foreach (var method in methods)
    {
        string vsItk = itk is null ? "-" : (seconds[method] / itk.MedianSeconds).ToString("F3");
        Console.WriteLine($"{Name(method),-26} {seconds[method],9:F3} {iterations[method],11} {seconds[method] / seconds[Method.Staple],10:F2} {vsItk,14}");
    }
}

static string Name(Method method) => method switch
{
    Method.Staple => "STAPLE",
    Method.StaplePerPixel => "STAPLE (per-pixel EM)",
    Method.SpatialStaple => "Spatial STAPLE",
    _ => method.ToString(),
};

static void CrossCheck(VolumeBench volume, ItkRunner itk, int iterations)
{
    var buffers = volume.Buffers;
    double dp = 0, dq = 0, dw = 0;
    for (int k = 0; k < Annotators.Count; k++)
    {
        dp = Math.Max(dp, Math.Abs(buffers.Confusion[(k * 4) + 3] - itk.Sensitivity[k]));
        dq = Math.Max(dq, Math.Abs(buffers.Confusion[k * 4] - itk.Specificity[k]));
    }

    var w = MemoryMarshal.Cast<byte, double>(itk.Posterior);
    int pixels = VolumeBench.Shape.Pixels;
    for (int i = 0; i < pixels; i++)
    {
        dw = Math.Max(dw, Math.Abs(buffers.Posterior[pixels + i] - w[i]));
    }

    Console.WriteLine($"Cross-check with ITK: iterations ours {iterations}, ITK {itk.ElapsedIterations + 1} (GetElapsedIterations {itk.ElapsedIterations}); " +
        $"max |dp| {dp:E2}, max |dq| {dq:E2}, max |dW| {dw:E2}");
    Console.WriteLine("  sensitivity (ours / ITK): " + string.Join("  ", Enumerable.Range(0, Annotators.Count).Select(k => $"{buffers.Confusion[(k * 4) + 3]:F12}/{itk.Sensitivity[k]:F12}")));
    Console.WriteLine("  specificity (ours / ITK): " + string.Join("  ", Enumerable.Range(0, Annotators.Count).Select(k => $"{buffers.Confusion[k * 4]:F12}/{itk.Specificity[k]:F12}")));
}

internal sealed record Arguments(string Data, int Images, int Repeats, string? Itk, string Work, bool SkipApi, bool SkipMnist, bool SkipVolume, bool Profile)
{
    public static Arguments Parse(string[] args)
    {
        var result = new Arguments("data", 10_000, 5, null, Path.Combine("artifacts", "bench", "work"), false, false, false, false);
        for (int i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            result = args[i] switch
            {
                "--data" => result with { Data = Next() },
                "--images" => result with { Images = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--repeats" => result with { Repeats = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--itk" => result with { Itk = Next() },
                "--work" => result with { Work = Next() },
                "--skip-api" => result with { SkipApi = true },
                "--skip-mnist" => result with { SkipMnist = true },
                "--skip-volume" => result with { SkipVolume = true },
                "--profile" => result with { Profile = true },
                _ => throw new ArgumentException($"Unknown argument '{args[i]}'."),
            };
        }

        return result;
    }
}
