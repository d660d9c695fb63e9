// Runs itk::STAPLEImageFilter (foreground value 1, default confidence weight and iteration limit) on R raw uint8
// volumes <folder>/rater<k>.raw of W x H x D voxels (x fastest), `repeats` times. Prints, one per line:
//   seconds <s>                       wall time of each Update(), filter construction and input reading excluded
//   elapsed_iterations <n>            GetElapsedIterations() (the index of the last iteration)
//   sensitivity <k> <p> / specificity <k> <q>   with 17 significant digits
// and writes the soft output W as raw doubles to <folder>/itk_w.raw.
// Usage: itk_staple <folder> <W> <H> <D> <R> <repeats>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "itkImage.h"
#include "itkSTAPLEImageFilter.h"

using InputImage = itk::Image<unsigned char, 3>;
using OutputImage = itk::Image<double, 3>;

static InputImage::Pointer ReadRaw(const std::string & path, const InputImage::SizeType & size)
{
  auto image = InputImage::New();
  InputImage::RegionType region;
  region.SetSize(size);
  image->SetRegions(region);
  image->Allocate();
  const size_t count = size[0] * size[1] * size[2];
  std::ifstream file(path, std::ios::binary);
  if (!file.read(reinterpret_cast<char *>(image->GetBufferPointer()), static_cast<std::streamsize>(count)))
  {
    std::fprintf(stderr, "cannot read %zu bytes from %s\n", count, path.c_str());
    std::exit(1);
  }

  return image;
}

int main(int argc, char * argv[])
{
  if (argc != 7)
  {
    std::fprintf(stderr, "usage: itk_staple <folder> <W> <H> <D> <R> <repeats>\n");
    return 2;
  }

  const std::string folder = argv[1];
  InputImage::SizeType size;
  size[0] = std::strtoul(argv[2], nullptr, 10);
  size[1] = std::strtoul(argv[3], nullptr, 10);
  size[2] = std::strtoul(argv[4], nullptr, 10);
  const unsigned raters = std::strtoul(argv[5], nullptr, 10);
  const int repeats = std::atoi(argv[6]);

  std::vector<InputImage::Pointer> inputs;
  for (unsigned k = 0; k < raters; ++k)
  {
    inputs.push_back(ReadRaw(folder + "/rater" + std::to_string(k) + ".raw", size));
  }

  using Filter = itk::STAPLEImageFilter<InputImage, OutputImage>;
  Filter::Pointer filter;
  for (int run = 0; run < repeats; ++run)
  {
    filter = Filter::New();
    filter->SetForegroundValue(1);
    for (unsigned k = 0; k < raters; ++k)
    {
      filter->SetInput(k, inputs[k]);
    }

    const auto start = std::chrono::steady_clock::now();
    filter->Update();
    const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
    std::printf("seconds %.6f\n", elapsed.count());
  }

  std::printf("elapsed_iterations %u\n", filter->GetElapsedIterations());
  for (unsigned k = 0; k < raters; ++k)
  {
    std::printf("sensitivity %u %.17g\n", k, filter->GetSensitivity(k));
    std::printf("specificity %u %.17g\n", k, filter->GetSpecificity(k));
  }

  const OutputImage * w = filter->GetOutput();
  std::ofstream out(folder + "/itk_w.raw", std::ios::binary);
  out.write(reinterpret_cast<const char *>(w->GetBufferPointer()),
            static_cast<std::streamsize>(sizeof(double) * size[0] * size[1] * size[2]));
  return 0;
}
