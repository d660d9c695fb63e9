#!/usr/bin/python3
"""Checks the package's NIfTI files against nibabel, both ways.

1. Files written by the package (NiftiInterop write) are opened with nibabel: voxels (stored and scaled), shape,
   dtype, byte order and affines must match what was written (the same formula as NiftiInterop's Stored, and the
   real scan as nibabel reads it).
2. Files written by nibabel (several dtypes, big-endian, scaling, qform only, a header extension) are read with the
   package (NiftiInterop read): shape, spacing, affines, sum, min, max and probe voxels must match nibabel's.
Usage: check_interop.py <NiftiInterop command...> <work folder> <ch2bet.nii.gz>
"""
import json
import os
import subprocess
import sys

import nibabel as nib
import numpy as np

*command, work, scan_path = sys.argv[1:]
failures = []


def check(ok, what):
    print(("PASS " if ok else "FAIL ") + what)
    if not ok:
        failures.append(what)


def stored(dtype_code, n):
    i = np.arange(n, dtype=np.int64)
    return {
        2: (i * 37) % 256,
        4: ((i * 997) % 65536) - 32768,
        512: (i * 997) % 65536,
        8: ((i * 1000003) % 4294967296) - 2147483648,
        16: (i * 0.37 - 5).astype(np.float32).astype(np.float64),
        64: i * 1e-3 - 2.5,
    }[dtype_code]


# 1. Package -> nibabel.
package_dir = os.path.join(work, "from-package")
subprocess.run(command + ["write", package_dir, scan_path], check=True)
names = {2: "UInt8", 4: "Int16", 512: "UInt16", 8: "Int32", 16: "Float32", 64: "Float64"}
dtypes = {2: "u1", 4: "i2", 512: "u2", 8: "i4", 16: "f4", 64: "f8"}
for code, name in names.items():
    for order in ("le", "be"):
        for suffix in (".nii", ".nii.gz"):
            path = os.path.join(package_dir, f"gen_{name}_{order}{suffix}")
            img = nib.load(path)
            h = img.header
            raw = np.asanyarray(img.dataobj.get_unscaled()) if hasattr(img.dataobj, "get_unscaled") else np.asanyarray(img.dataobj)
            expected = stored(code, 105).reshape((3, 5, 7)).transpose(2, 1, 0)   # x fastest in the file
            slope, inter = (1.0, 0.0) if code in (16, 64) else (0.5, 3.0)
            ok = (img.shape == (7, 5, 3) and h.get_data_dtype() == np.dtype(("<" if order == "le" else ">") + dtypes[code])
                  and np.array_equal(raw.astype(np.float64), expected.astype(np.float64))
                  and np.allclose(img.get_fdata(), expected * slope + inter, rtol=0, atol=1e-6 * max(1.0, np.abs(expected).max())))
            qform, sform = h.get_qform(), h.get_sform()
            ok_affine = (np.allclose(sform, [[0.9, 0.01, 0, -90.5], [-0.02, 1.1, 0, -126.25], [0, 0.03, 2.5, -72], [0, 0, 0, 1]], atol=1e-6)
                         and np.allclose(img.affine, sform) and int(h["qform_code"]) == 1 and int(h["sform_code"]) == 2
                         and np.allclose(h.get_zooms(), (0.9, 1.1, 2.5)))
            # The qform from its quaternion (b, c, d) = (0.1, -0.2, 0.3), qfac -1, as nibabel computes it.
            b, c, d = 0.1, -0.2, 0.3
            a = np.sqrt(1 - b * b - c * c - d * d)
            rotation = np.array([[a*a+b*b-c*c-d*d, 2*(b*c-a*d), 2*(b*d+a*c)],
                                 [2*(b*c+a*d), a*a+c*c-b*b-d*d, 2*(c*d-a*b)],
                                 [2*(b*d-a*c), 2*(c*d+a*b), a*a+d*d-c*c-b*b]])
            ok_qform = np.allclose(qform[:3, :3], rotation * [0.9, 1.1, -2.5], atol=1e-5) and np.allclose(qform[:3, 3], [-90.5, -126.25, -72])
            check(ok and ok_affine and ok_qform, f"nibabel reads package file {os.path.basename(path)}: voxels, dtype, byte order, sform, qform")

scan = nib.load(scan_path)
scan_data = np.asanyarray(scan.dataobj)
for name, endianness in (("scan_copy.nii.gz", "<"), ("scan_be.nii", ">")):
    img = nib.load(os.path.join(package_dir, name))
    check(img.shape == scan.shape and np.array_equal(np.asanyarray(img.dataobj), scan_data) and np.allclose(img.affine, scan.affine)
          and img.header.endianness == endianness,
          f"nibabel reads {name}: the scan's voxels and affine, {'little' if endianness == '<' else 'big'}-endian")
crop_affine = scan.affine.copy()
crop_affine[:3, 3] = scan.affine[:3, :3] @ [60, 80, 60] + scan.affine[:3, 3]
crop = nib.load(os.path.join(package_dir, "scan_crop.nii.gz"))
check(crop.shape == (40, 48, 36) and np.array_equal(np.asanyarray(crop.dataobj), scan_data[60:100, 80:128, 60:96]) and np.allclose(crop.affine, crop_affine),
      "nibabel reads scan_crop.nii.gz: the crop's voxels, affine shifted to voxel (60, 80, 60)")
mask = nib.load(os.path.join(package_dir, "scan_mask.nii.gz"))
truth = (scan_data[60:100, 80:128, 60:96] > 100).astype(np.uint8)
check(mask.header.get_data_dtype() == np.uint8 and np.array_equal(np.asanyarray(mask.dataobj), truth) and np.allclose(mask.affine, crop_affine),
      "nibabel reads scan_mask.nii.gz: uint8 mask on the crop's grid")
posterior = nib.load(os.path.join(package_dir, "scan_posterior.nii.gz"))
p = posterior.get_fdata()
check(posterior.shape == (40, 48, 36, 2) and posterior.header.get_data_dtype() == np.float32
      and np.allclose(p[..., 1], truth * 0.75) and np.allclose(p[..., 0], 1 - truth * 0.75) and np.allclose(posterior.affine, crop_affine),
      "nibabel reads scan_posterior.nii.gz: 4D float32, class volumes last")

# 2. nibabel -> package.
nib_dir = os.path.join(work, "from-nibabel")
os.makedirs(nib_dir, exist_ok=True)
rng = np.random.default_rng(5)
rotation = nib.quaternions.quat2mat([np.cos(0.3), 0, np.sin(0.3), 0])
oblique = np.eye(4)
oblique[:3, :3] = rotation * [1.2, 0.8, 3.0]
oblique[:3, 3] = [10, -20, 30]
written = []
for dtype in ("u1", "i2", "u2", "i4", "f4", "f8"):
    for order in ("<", ">"):
        if dtype == "i2":
            # Real-valued data stored as int16: nibabel picks a slope and an intercept to fit it.
            data = rng.normal(size=(6, 5, 4)) * 1000 + 300
        elif dtype[0] in "ui":
            data = rng.integers(0, 200, size=(6, 5, 4)).astype(order + dtype)
        else:
            data = (rng.normal(size=(6, 5, 4)) * 100).astype(order + dtype)
        header = nib.Nifti1Header(endianness=order)
        header.set_data_dtype(np.dtype(order + dtype))
        img = nib.Nifti1Image(data, oblique, header)
        if dtype == "u1":
            img.set_qform(oblique, code=1)   # qform only
            img.set_sform(None, code=0)
            img.header.extensions.append(nib.nifti1.Nifti1Extension(6, b"an extension the reader skips"))
        name = os.path.join(nib_dir, f"nib_{dtype}_{'le' if order == '<' else 'be'}{'.nii.gz' if dtype in ('i2', 'f4') else '.nii'}")
        nib.save(img, name)
        written.append(name)
# The files exercise what they are meant to: big-endian headers, a scaling, an extension before the voxels.
for name in written:
    header = nib.load(name).header
    raw = open(name, "rb").read() if name.endswith(".nii") else None
    if "_be" in name:
        check(header.endianness == ">", f"nibabel wrote {os.path.basename(name)} big-endian")
    if "_i2_" in name:
        # nibabel moves a loaded file's scaling from its header to its data proxy.
        proxy = nib.load(name).dataobj
        slope, inter = float(proxy.slope), float(proxy.inter)
        check(slope != 1 and inter != 0,
              f"nibabel wrote {os.path.basename(name)} with a scaling (slope {slope:.4g}, intercept {inter:.4g})")
    if "_u1_" in name:
        offset = np.frombuffer(raw[108:112], dtype=header.endianness + "f4")[0]
        check(offset > 352 and int(header["sform_code"]) == 0 and int(header["qform_code"]) == 1,
              f"nibabel wrote {os.path.basename(name)} with an extension (vox_offset {offset:.0f}) and a qform only")
result = subprocess.run(command + ["read"] + written, check=True, capture_output=True, text=True)
for line in result.stdout.splitlines():
    read = json.loads(line)
    img = nib.load(read["path"])
    values = img.get_fdata()
    flat = values.transpose(2, 1, 0).reshape(-1)   # x fastest, as the package stores voxels
    if "error" in read:
        check(False, f"package reads {os.path.basename(read['path'])}: {read['error']}")
        continue
    ok = (tuple(read["shape"]) == img.shape and np.allclose(read["affine"], img.affine, atol=1e-5) and np.allclose(read["qform"], img.header.get_qform(), atol=1e-5)
          and read["bigEndian"] == (img.header.endianness == ">")
          and np.isclose(read["sum"], flat.sum(), rtol=1e-6, atol=1e-3) and np.isclose(read["min"], flat.min(), rtol=1e-6) and np.isclose(read["max"], flat.max(), rtol=1e-6)
          and all(np.isclose(v, flat[int(i)], rtol=1e-6, atol=1e-6) for i, v in read["probes"]))
    check(ok, f"package reads nibabel file {os.path.basename(read['path'])}: shape, byte order, affine, qform, scaled values")

# The real files: the package's reading against nibabel's.
result = subprocess.run(command + ["read", scan_path], check=True, capture_output=True, text=True)
read = json.loads(result.stdout)
flat = scan.get_fdata().transpose(2, 1, 0).reshape(-1)
check(tuple(read["shape"]) == scan.shape and np.allclose(read["affine"], scan.affine) and read["sum"] == flat.sum() and read["max"] == flat.max()
      and all(v == flat[int(i)] for i, v in read["probes"]), f"package reads {os.path.basename(scan_path)} as nibabel does")

print(f"{len(failures)} failed" if failures else "all interop checks passed")
sys.exit(1 if failures else 0)
