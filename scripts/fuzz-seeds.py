#!/usr/bin/env python3
"""Writes the seed corpus of every fuzz target (docs/FUZZING.md): small valid and near-valid inputs.
Run from the repository root. Crashing inputs found by fuzzing are added beside these by Jazzer."""
import base64, gzip, json, os, struct, zlib

MARK = b"\n==part==\n"
RES = "src/test/resources/io/zerowaste"


def put(folder, name, content):
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, name), "wb") as f:
        f.write(content if isinstance(content, bytes) else content.encode())


def idx(shape, data):
    return struct.pack(">I", 0x0800 | len(shape)) + b"".join(struct.pack(">I", s) for s in shape) + bytes(data)


def gz(b):
    return gzip.compress(b, mtime=0)


def core():
    d = f"zerowaste-core/{RES}/core/fuzz/IdxReaderFuzzTestInputs"
    img = idx([2, 3, 3], range(18))
    put(f"{d}/imagesFile", "valid-raw", img)
    put(f"{d}/imagesFile", "valid-gzip", gz(img))
    put(f"{d}/imagesFile", "truncated", img[:-5])
    put(f"{d}/imagesFile", "labels-not-images", idx([3], [1, 2, 3]))
    put(f"{d}/imagesFile", "gzip-truncated", gz(img)[:-6])
    put(f"{d}/imagesFile", "zero-rows", idx([4, 0, 3], []))
    sets = [idx([3, 2, 2], range(12)), idx([3], [0, 1, 2]), idx([1, 2, 2], [9, 8, 7, 6]), idx([1], [1])]
    put(f"{d}/datasetFolder", "valid-raw", MARK.join(sets))
    put(f"{d}/datasetFolder", "valid-gzip", MARK.join(gz(p) for p in sets))
    put(f"{d}/datasetFolder", "count-mismatch", MARK.join([sets[0], idx([2], [0, 1]), sets[2], sets[3]]))
    put(f"{d}/datasetFolder", "size-mismatch", MARK.join([sets[0], sets[1], idx([1, 1, 4], [1, 2, 3, 4]), sets[3]]))


def patch(length=0, offset=0, data=b""):
    return b"PATCH" + struct.pack(">II", length, offset) + data


def nn():
    d = f"zerowaste-nn/{RES}/nn/fuzz/BundleFuzzTestInputs/bundleFolder"
    manifest = {"format_version": 1, "kind": "backbone",
                "architecture": {"name": "resnet14", "channels": 1, "height": 28, "width": 28, "num_classes": 10},
                "normalization": {"mean": 0.286, "std": 0.353}, "class_names": [str(i) for i in range(10)],
                "macs": {"total": 1}, "params": 175000, "parameters_file": "parameters.bin", "parameters_sha256": "$SHA"}
    m = json.dumps(manifest, indent=1).encode()
    put(d, "valid", m + MARK + patch())
    put(d, "header-damaged", m + MARK + patch(0, 9, b"\xff\xff\xff\x7f"))
    put(d, "truncated", m + MARK + patch(4000))
    # the first array's first dimension (the long at byte 156) made 2^25 + 16: refused before DJL reads it
    put(d, "shape-dimension-huge", m + MARK + patch(0, 160, b"\x02\x00\x00\x00"))
    put(d, "garbage-parameters", m + MARK + b"P\x00\x01garbage")
    put(d, "wrong-checksum", m.replace(b"$SHA", b"00") + MARK + patch())
    for key, value, name in [("channels", 100000, "huge-channels"), ("num_classes", 12, "other-classes"),
                             ("height", 0, "zero-height")]:
        bad = json.loads(m)
        bad["architecture"][key] = value
        put(d, name, json.dumps(bad).encode() + MARK + patch())
    bad = dict(manifest, parameters_file="../parameters.bin")
    put(d, "parameters-outside", json.dumps(bad).encode() + MARK + patch())
    bad = dict(manifest, normalization={"mean": 0, "std": 0})
    put(d, "zero-std", json.dumps(bad).encode() + MARK + patch())
    put(d, "not-json", b"{ not json" + MARK + patch())

    d = f"zerowaste-nn/{RES}/nn/fuzz/CheckpointFuzzTestInputs/checkpointFolder"
    state = {"format_version": 1, "config": {"seed": 1},
             "history": {"train_loss": [0.5], "val_accuracy": [0.5], "epoch_seconds": [1.0], "step_seconds": [1.0],
                         "samples": [10]}, "parameters_sha256": "$P", "optimizer_sha256": "$O"}
    s = json.dumps(state, indent=1).encode()
    put(d, "valid", s + MARK + patch() + MARK + patch())
    put(d, "optimizer-header-damaged", s + MARK + patch() + MARK + patch(0, 6, b"\x7f\xff\xff\xff"))
    put(d, "parameters-truncated", s + MARK + patch(40) + MARK + patch())
    put(d, "optimizer-garbage", s + MARK + patch() + MARK + b"\x00\x00\x00\x05NDAR")
    put(d, "other-config", s.replace(b'"seed": 1', b'"seed": 2') + MARK + patch() + MARK + patch())
    bad = dict(state, history={"train_loss": [0.5], "val_accuracy": None})
    put(d, "history-holes", json.dumps(bad).encode() + MARK + patch() + MARK + patch())
    put(d, "version-2", s.replace(b'"format_version": 1', b'"format_version": 2') + MARK + patch() + MARK + patch())


def png(w, h, color_type, depth, rows, palette=None):
    def chunk(t, data):
        return struct.pack(">I", len(data)) + t + data + struct.pack(">I", zlib.crc32(t + data))
    raw = b"".join(b"\x00" + r for r in rows)
    out = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, depth, color_type, 0, 0, 0))
    if palette:
        out += chunk(b"PLTE", palette)
    return out + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


def serve():
    d = f"zerowaste-serve/{RES}/serve/fuzz/RequestParserFuzzTestInputs"
    put(f"{d}/requestBody", "instances", '{"instances": [[0, 12.5, 255, 3]]}')
    put(f"{d}/requestBody", "instances-0-1", '{"instances": [[0, 0.5, 1, 0.25]], "pixel_range": "0-1"}')
    put(f"{d}/requestBody", "out-of-range", '{"instances": [[0, 300, -1, 1e309]]}')
    put(f"{d}/requestBody", "wrong-count", '{"instances": [[1, 2, 3]]}')
    put(f"{d}/requestBody", "both-fields", '{"instances": [[1, 2, 3, 4]], "images_base64": []}')
    put(f"{d}/requestBody", "unknown-field", '{"instance": [[1, 2, 3, 4]]}')
    put(f"{d}/requestBody", "not-json", '{"instances": [[1, 2, 3, 4]')
    put(f"{d}/requestBody", "deep", '{"instances": ' + "[" * 2000 + "]" * 2000 + "}")
    gray2 = png(2, 2, 0, 8, [b"\x00\x80", b"\xff\x10"])
    put(f"{d}/requestBody", "png", '{"images_base64": ["' + base64.b64encode(gray2).decode() + '"]}')
    put(f"{d}/requestBody", "bad-base64", '{"images_base64": ["%%%"]}')
    put(f"{d}/pngImage", "gray-2x2", gray2)
    put(f"{d}/pngImage", "gray-28x28", png(28, 28, 0, 8, [bytes(range(i, i + 28)) for i in range(28)]))
    put(f"{d}/pngImage", "gray16-2x2", png(2, 2, 0, 16, [b"\x00\x00\xff\xff", b"\x80\x00\x00\x01"]))
    put(f"{d}/pngImage", "rgb-2x2", png(2, 2, 2, 8, [b"\xff\x00\x00\x00\xff\x00", b"\x00\x00\xff\xff\xff\xff"]))
    put(f"{d}/pngImage", "palette-2x2", png(2, 2, 3, 8, [b"\x00\x01", b"\x01\x00"], palette=b"\xff\xff\xff\x00\x00\x00"))
    put(f"{d}/pngImage", "gray1-2x2", png(2, 2, 0, 1, [b"\x80", b"\x40"]))
    put(f"{d}/pngImage", "huge-header", png(100000, 100000, 0, 8, [b"\x00"]))
    put(f"{d}/pngImage", "truncated", gray2[:30])


if __name__ == "__main__":
    core()
    nn()
    serve()
