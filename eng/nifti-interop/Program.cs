using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.NoisyLabels.Data.Nifti;
using Microsoft.ML.NoisyLabels.Volumes;

// Usage:
//   NiftiInterop write <folder> <ch2bet.nii.gz>   writes test volumes (see Generated and FromScan) for nibabel to check
//   NiftiInterop read <file>...                   prints one JSON line per file: header, affine, statistics, probes
//   NiftiInterop bench <ch2bet.nii.gz> [repeats]  times reading and writing the scan
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
return args.Length >= 2 && args[0] == "write" ? Interop.Write(args[1], args[2])
    : args.Length >= 2 && args[0] == "read" ? Interop.Read(args.Skip(1))
    : args.Length >= 2 && args[0] == "bench" ? Interop.Bench(args[1], args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 7)
    : Usage();

static int Usage()
{
    Console.Error.WriteLine("usage: NiftiInterop write <folder> <ch2bet.nii.gz> | read <file>... | bench <ch2bet.nii.gz> [repeats]");
    return 2;
}

internal static class Interop
{
    /// <summary>Voxel i (x fastest) of a generated volume, as stored; check_interop.py computes the same formula.</summary>
    public static double Stored(NiftiDataType type, int i) => type switch
    {
        NiftiDataType.UInt8 => (i * 37) % 256,
        NiftiDataType.Int16 => ((i * 997) % 65536) - 32768,
        NiftiDataType.UInt16 => (i * 997) % 65536,
        NiftiDataType.Int32 => ((long)i * 1_000_003 % 4_294_967_296L) - 2_147_483_648L,
        NiftiDataType.Float32 => (float)((i * 0.37) - 5),
        _ => (i * 1e-3) - 2.5,
    };

    public static int Write(string folder, string scanPath)
    {
        Directory.CreateDirectory(folder);
        foreach (NiftiDataType type in Enum.GetValues<NiftiDataType>())
        {
            foreach (bool bigEndian in new[] { false, true })
            {
                foreach (string suffix in new[] { ".nii", ".nii.gz" })
                {
                    var header = NiftiHeader.Create(type, new[] { 7, 5, 3 }, new[] { 0.9f, 1.1f, 2.5f }) with
                    {
                        IsBigEndian = bigEndian,
                        // A rotated qform (about 34.8 degrees around an oblique axis) and a different sform.
                        QFormCode = NiftiXFormCode.ScannerAnatomical,
                        QuaternB = 0.1f,
                        QuaternC = -0.2f,
                        QuaternD = 0.3f,
                        QOffsetX = -90.5f,
                        QOffsetY = -126.25f,
                        QOffsetZ = -72,
                        PixDim = new[] { -1f, 0.9f, 1.1f, 2.5f, 0, 0, 0, 0 },
                        SFormCode = NiftiXFormCode.AlignedAnatomical,
                        SRowX = new[] { 0.9f, 0.01f, 0, -90.5f },
                        SRowY = new[] { -0.02f, 1.1f, 0, -126.25f },
                        SRowZ = new[] { 0, 0.03f, 2.5f, -72 },
                        SclSlope = type is NiftiDataType.Float32 or NiftiDataType.Float64 ? 1 : 0.5f,
                        SclInter = type is NiftiDataType.Float32 or NiftiDataType.Float64 ? 0 : 3,
                        Description = "NiftiInterop",
                    };
                    var volume = type switch
                    {
                        NiftiDataType.UInt8 => NiftiVolume.Create<byte>(header, Values(105, i => (byte)Stored(type, i))),
                        NiftiDataType.Int16 => NiftiVolume.Create<short>(header, Values(105, i => (short)Stored(type, i))),
                        NiftiDataType.UInt16 => NiftiVolume.Create<ushort>(header, Values(105, i => (ushort)Stored(type, i))),
                        NiftiDataType.Int32 => NiftiVolume.Create<int>(header, Values(105, i => (int)Stored(type, i))),
                        NiftiDataType.Float32 => NiftiVolume.Create<float>(header, Values(105, i => (float)Stored(type, i))),
                        _ => NiftiVolume.Create<double>(header, Values(105, i => Stored(type, i))),
                    };
                    NiftiFile.Write(Path.Combine(folder, $"gen_{type}_{(bigEndian ? "be" : "le")}{suffix}"), volume);
                }
            }
        }

        // The real scan: copied (both byte orders), cropped, thresholded into a mask, and a two-class posterior.
        var scan = NiftiFile.Read(scanPath);
        NiftiFile.Write(Path.Combine(folder, "scan_copy.nii.gz"), scan);
        NiftiFile.Write(Path.Combine(folder, "scan_be.nii"), NiftiVolume.Create<byte>(scan.Header with { IsBigEndian = true }, scan.GetVoxels<byte>()));
        var crop = scan.Crop(60, 80, 60, 40, 48, 36);
        NiftiFile.Write(Path.Combine(folder, "scan_crop.nii.gz"), crop);
        var mask = crop.ToSingleArray().Select(v => v > 100 ? 1f : 0f).ToArray();
        NiftiFile.Write(Path.Combine(folder, "scan_mask.nii.gz"), NiftiVolume.FromSingle(crop.Header, mask, NiftiDataType.UInt8));
        var posterior = mask.Select(m => m * 0.75f).Select(p => 1 - p).Concat(mask.Select(m => m * 0.75f)).ToArray();
        NiftiFile.Write(Path.Combine(folder, "scan_posterior.nii.gz"), NiftiVolume.FromSingle(crop.Header, posterior, NiftiDataType.Float32));
        Console.WriteLine($"wrote {Directory.GetFiles(folder).Length} files to {folder}");
        return 0;
    }

    public static int Read(IEnumerable<string> paths)
    {
        foreach (string path in paths)
        {
            try
            {
                var volume = NiftiFile.Read(path);
                var h = volume.Header;
                var values = volume.ToSingleArray();
                double sum = 0;
                foreach (float v in values)
                {
                    sum += v;
                }

                int[] probes = { 0, 1, values.Length / 3, values.Length / 2, values.Length - 1 };
                Console.WriteLine(JsonSerializer.Serialize(new
                {
                    path,
                    shape = h.Shape,
                    datatype = (int)h.DataType,
                    bigEndian = h.IsBigEndian,
                    pixdim = h.PixDim,
                    qformCode = (int)h.QFormCode,
                    sformCode = (int)h.SFormCode,
                    affine = Rows(h.GetAffine()),
                    qform = Rows(h.GetQFormAffine()),
                    sclSlope = h.SclSlope,
                    sclInter = h.SclInter,
                    description = h.Description,
                    sum,
                    min = values.Min(),
                    max = values.Max(),
                    probes = probes.Select(i => new[] { i, (double)values[i] }).ToArray(),
                }));
            }
            catch (Exception ex) when (ex is InvalidDataException or FileNotFoundException)
            {
                Console.WriteLine(JsonSerializer.Serialize(new { path, error = ex.Message }));
            }
        }

        return 0;
    }

    public static int Bench(string scanPath, int repeats)
    {
        string folder = Path.Combine(Path.GetTempPath(), "nifti-bench-" + Environment.ProcessId);
        Directory.CreateDirectory(folder);
        var scan = NiftiFile.Read(scanPath);
        string raw = Path.Combine(folder, "scan.nii");
        NiftiFile.Write(raw, scan);
        var mask = NiftiVolume.FromSingle(scan.Header, scan.ToSingleArray().Select(v => v > 100 ? 1f : 0f).ToArray(), NiftiDataType.UInt8);
        var floats = new float[scan.Header.VoxelCount];
        Console.WriteLine($"volume: {string.Join(" x ", scan.Header.Shape)} {scan.Header.DataType}, {scan.Header.VoxelCount:N0} voxels; median of {repeats}");
        Time("read .nii.gz (gzip, 1.3 MB)", repeats, () => NiftiFile.Read(scanPath));
        Time("read .nii (raw, 7.1 MB)", repeats, () => NiftiFile.Read(raw));
        Time("File.ReadAllBytes of the .nii (floor)", repeats, () => File.ReadAllBytes(raw));
        Time("read header only (.nii.gz)", repeats, () => NiftiFile.ReadHeader(scanPath));
        Time("uint8 -> Single (CopyScaledTo)", repeats, () => scan.CopyScaledTo(floats));
        Time("Single -> uint8 mask (FromSingle)", repeats, () => NiftiVolume.FromSingle(scan.Header, floats, NiftiDataType.UInt8));
        Time("write .nii", repeats, () => NiftiFile.Write(Path.Combine(folder, "w.nii"), scan));
        Time("write .nii.gz, Fastest (scan)", repeats, () => NiftiFile.Write(Path.Combine(folder, "w.nii.gz"), scan));
        Time("write .nii.gz, Optimal (scan)", repeats, () => NiftiFile.Write(Path.Combine(folder, "o.nii.gz"), scan, CompressionLevel.Optimal));
        Time("write .nii.gz, Fastest (mask)", repeats, () => NiftiFile.Write(Path.Combine(folder, "m.nii.gz"), mask));
        Time("write .nii.gz, Optimal (mask)", repeats, () => NiftiFile.Write(Path.Combine(folder, "mo.nii.gz"), mask, CompressionLevel.Optimal));
        Console.WriteLine(
            $"sizes: scan Fastest {new FileInfo(Path.Combine(folder, "w.nii.gz")).Length:N0} B, Optimal {new FileInfo(Path.Combine(folder, "o.nii.gz")).Length:N0} B; " +
            $"mask Fastest {new FileInfo(Path.Combine(folder, "m.nii.gz")).Length:N0} B, Optimal {new FileInfo(Path.Combine(folder, "mo.nii.gz")).Length:N0} B");

        // Four cases (copies of the scan, each with the mask as a rater) through the loader and the writer, as a
        // pipeline reads rows: one cursor, the row's vector reused (ML.NET's VBuffer convention), so the 28 MB vector
        // is allocated once per pass, not per row.
        const int Cases = 4;
        string cases = Path.Combine(folder, "cases");
        for (int c = 0; c < Cases; c++)
        {
            Directory.CreateDirectory(Path.Combine(cases, $"colin{c}"));
            File.Copy(scanPath, Path.Combine(cases, $"colin{c}", "t1.nii.gz"), overwrite: true);
            NiftiFile.Write(Path.Combine(cases, $"colin{c}", "mask.nii.gz"), mask);
        }

        var ml = new MLContext(seed: 1);
        var data = ml.NoisyLabels().Data.LoadVolumes(cases, new[] { "t1.nii.gz" }, new[] { "mask.nii.gz" });
        VBuffer<float> image = default;
        Time($"Image column, per row ({Cases} rows)", repeats, () =>
        {
            using var cursor = data.GetRowCursor(data.Schema);
            var getter = cursor.GetGetter<VBuffer<float>>(data.Schema[VolumeColumnNames.Image]);
            while (cursor.MoveNext())
            {
                getter(ref image);
            }
        }, Cases);
        Time($"SaveVolumes of the mask column, per row ({Cases} rows)", repeats, () => ml.NoisyLabels().Data.SaveVolumes(data, "mask", "saved.nii.gz"), Cases);
        Directory.Delete(folder, recursive: true);
        return 0;
    }

    private static void Time(string what, int repeats, Action action, int perItems = 1)
    {
        action();   // warm-up: JIT and file cache
        var seconds = new List<double>();
        for (int r = 0; r < repeats; r++)
        {
            var watch = Stopwatch.StartNew();
            action();
            seconds.Add(watch.Elapsed.TotalMilliseconds);
        }

        seconds.Sort();
        Console.WriteLine($"{what,-52} {seconds[seconds.Count / 2] / perItems,8:F1} ms");
    }

    private static T[] Values<T>(int count, Func<int, T> value) => Enumerable.Range(0, count).Select(value).ToArray();

    private static double[][] Rows(double[,] m) => Enumerable.Range(0, 4).Select(r => Enumerable.Range(0, 4).Select(c => m[r, c]).ToArray()).ToArray();
}
