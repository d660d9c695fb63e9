using System.Reflection;
using Microsoft.ML;

// Loads a model.zip in a fresh process, applies it to a data set saved in ML.NET's binary format, and saves the
// result in the same format, so that tests can compare it with the output of the process that trained the model.
// Usage: ModelLoadCheck <model.zip> <input.idv> <output.idv> [assembly-folder]
// The program references the core package Microsoft.ML.NoisyLabels only (no TorchSharp), as a deployment does.
// Other assemblies that hold custom-mapping contracts (ML.NET loads them by name) are looked up in assembly-folder,
// when given. Prints whether TorchSharp was loaded.
if (args.Length is < 3 or > 4)
{
    Console.Error.WriteLine("usage: ModelLoadCheck <model.zip> <input.idv> <output.idv> [assembly-folder]");
    return 2;
}

if (args.Length == 4)
{
    string assemblyFolder = Path.GetFullPath(args[3]);
    AppDomain.CurrentDomain.AssemblyResolve += (_, e) =>
    {
        string candidate = Path.Combine(assemblyFolder, new AssemblyName(e.Name).Name + ".dll");
        return File.Exists(candidate) ? Assembly.LoadFrom(candidate) : null;
    };
}

var ml = new MLContext(seed: 1);
var model = ml.Model.Load(args[0], out _);
var input = ml.Data.LoadFromBinary(args[1]);
var output = model.Transform(input);
using (var stream = File.Create(args[2]))
{
    ml.Data.SaveAsBinary(output, stream, keepHidden: false);
}

// The reference keeps the core assembly in this program's deps file even when no line here names its types.
_ = typeof(Microsoft.ML.NoisyLabels.NoisyLabelsCatalog);
bool torchLoaded = AppDomain.CurrentDomain.GetAssemblies().Any(a => a.GetName().Name == "TorchSharp");
Console.WriteLine($"torchsharp-loaded={torchLoaded.ToString().ToLowerInvariant()}");
return 0;
