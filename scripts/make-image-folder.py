#!/usr/bin/env python3
"""Writes an IDX data set (Fashion-MNIST by default) as an image folder of grey PNGs:
OUT/train/<class>/<index>.png and OUT/test/<class>/<index>.png, the ImageFolder layout that
`zerowaste --data OUT` reads. Standard library only (PNG written with zlib).

Class folders are named "<label>-<name>" so that their sorted order is the label order
(zerowaste numbers classes by sorted folder name). File names carry the image's index in the IDX file.

    python3 scripts/make-image-folder.py [--idx /usr/share/datasets/fashion-mnist] [--limit N] OUT
"""
import argparse
import gzip
import os
import struct
import sys
import zlib

FASHION = ["t-shirt-top", "trouser", "pullover", "dress", "coat", "sandal", "shirt", "sneaker", "bag", "ankle-boot"]


def read_idx(folder, base):
    for name in (base + ".gz", base, base.replace("-idx", ".idx") + ".gz", base.replace("-idx", ".idx")):
        path = os.path.join(folder, name)
        if os.path.isfile(path):
            opener = gzip.open if name.endswith(".gz") else open
            with opener(path, "rb") as f:
                data = f.read()
            magic = struct.unpack(">I", data[:4])[0]
            dims = magic & 0xFF
            shape = struct.unpack(">" + "I" * dims, data[4:4 + 4 * dims])
            return shape, data[4 + 4 * dims:]
    sys.exit("error: missing IDX file %s[.gz] in %s (pass --idx DIR)" % (base, folder))


def png(width, height, pixels):
    """An 8-bit greyscale PNG of row-major bytes."""
    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
    raw = b"".join(b"\x00" + pixels[r * width:(r + 1) * width] for r in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


def write_split(idx, prefix, out, split, classes, limit):
    (n, rows, cols), pixels = read_idx(idx, prefix + "-images-idx3-ubyte")
    (m,), labels = read_idx(idx, prefix + "-labels-idx1-ubyte")
    if n != m:
        sys.exit("error: %d images but %d labels for %s" % (n, m, prefix))
    n = min(n, limit) if limit else n
    size = rows * cols
    for label in sorted(set(labels[:n])):
        os.makedirs(os.path.join(out, split, classes[label]), exist_ok=True)
    for i in range(n):
        label = labels[i]
        path = os.path.join(out, split, classes[label], "%05d.png" % i)
        tmp = path + ".tmp"
        with open(tmp, "wb") as f:
            f.write(png(cols, rows, pixels[i * size:(i + 1) * size]))
        os.replace(tmp, path)  # a killed run leaves whole files only
    return n


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("out")
    p.add_argument("--idx", default="/usr/share/datasets/fashion-mnist", help="folder of IDX files")
    p.add_argument("--limit", type=int, default=0, help="at most this many images per split (0: all)")
    a = p.parse_args()
    (_,), labels = read_idx(a.idx, "train-labels-idx1-ubyte")
    k = max(labels) + 1
    names = FASHION if k == len(FASHION) and "fashion" in os.path.abspath(a.idx).lower() else [str(i) for i in range(k)]
    width = len(str(k - 1))
    classes = ["%0*d-%s" % (width, i, n) if not n.isdigit() else "%0*d" % (width, i) for i, n in enumerate(names)]
    train = write_split(a.idx, "train", a.out, "train", classes, a.limit)
    test = write_split(a.idx, "t10k", a.out, "test", classes, a.limit)
    print("wrote %d train and %d test images to %s" % (train, test, a.out))


if __name__ == "__main__":
    main()
