#!/usr/bin/env python3
"""Writes a synthetic digits data set in IDX format (gzip): 28x28 grey digits 0-9 rendered from the DejaVu
fonts with random rotation, scale, shift, stroke width and blur. A stand-in for MNIST, which Debian does not
package, to check that zerowaste runs on a second IDX data set without code changes.

Needs Debian's python3-pil and fonts-dejavu-core. Usage: scripts/make-digits-idx.py OUT_DIR [TRAIN] [TEST] [SEED]"""
import glob, gzip, os, random, struct, sys
from PIL import Image, ImageDraw, ImageFilter, ImageFont

out = sys.argv[1]
n_train = int(sys.argv[2]) if len(sys.argv) > 2 else 12000
n_test = int(sys.argv[3]) if len(sys.argv) > 3 else 2000
rnd = random.Random(int(sys.argv[4]) if len(sys.argv) > 4 else 0)
fonts = sorted(f for f in glob.glob("/usr/share/fonts/truetype/dejavu/*.ttf") if "ExtraLight" not in f)
if not fonts:
    sys.exit("error: no DejaVu fonts found (apt-get install fonts-dejavu-core)")

def digit(d):
    img = Image.new("L", (56, 56), 0)
    font = ImageFont.truetype(rnd.choice(fonts), rnd.randint(30, 42))
    ImageDraw.Draw(img).text((28 + rnd.randint(-4, 4), 28 + rnd.randint(-4, 4)), str(d), fill=255, font=font,
                             anchor="mm", stroke_width=rnd.choice([0, 0, 1, 2]), stroke_fill=255)
    img = img.rotate(rnd.uniform(-18, 18), resample=Image.BILINEAR)
    img = img.filter(ImageFilter.GaussianBlur(rnd.uniform(0.3, 1.2))).resize((28, 28), Image.BILINEAR)
    return img.tobytes()

def write(prefix, n):
    labels = bytes(rnd.randrange(10) for _ in range(n))
    pixels = b"".join(digit(d) for d in labels)
    with gzip.GzipFile(os.path.join(out, prefix + "-images-idx3-ubyte.gz"), "wb", mtime=0) as f:
        f.write(struct.pack(">IIII", 0x803, n, 28, 28) + pixels)
    with gzip.GzipFile(os.path.join(out, prefix + "-labels-idx1-ubyte.gz"), "wb", mtime=0) as f:
        f.write(struct.pack(">II", 0x801, n) + labels)

os.makedirs(out, exist_ok=True)
write("train", n_train)
write("t10k", n_test)
print(f"wrote {n_train} + {n_test} digits to {out}")
