package io.zerowaste.nn.script;

import io.zerowaste.core.ZeroWasteException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A code-only TorchScript archive, as libtorch 2.7's {@code torch::jit::load} reads it
 * (caffe2/serialize/inline_container.cc, torch/csrc/jit/serialization/import.cpp): a zip whose entries
 * share one top folder, holding {@code version} ("3"), {@code constants.pkl} (an empty tuple, no tensor
 * constants), {@code data.pkl} (one object of the scripted class) and {@code code/__torch__.py} (the class's
 * TorchScript source). No tensors and no debug records: weights come in as arguments.
 * Entries are stored uncompressed, as PyTorch writes them.
 */
public record TorchScriptArchive(String className, String source) {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    public TorchScriptArchive {
        if (!IDENTIFIER.matcher(className).matches()) {
            throw new IllegalArgumentException("not a class name: " + className);
        }
    }

    /** The archive's bytes; {@code folder} is the entries' top folder (PyTorch uses the file's base name). */
    public byte[] bytes(String folder) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        write(buffer, folder);
        return buffer.toByteArray();
    }

    public void write(OutputStream out, String folder) {
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.setMethod(ZipOutputStream.STORED);
            stored(zip, folder + "/version", "3\n".getBytes(StandardCharsets.US_ASCII));
            stored(zip, folder + "/constants.pkl", Pickles.emptyTuple());
            stored(zip, folder + "/data.pkl", Pickles.module(className));
            stored(zip, folder + "/code/__torch__.py", source.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw ZeroWasteException.failure("cannot write a TorchScript archive: " + e.getMessage(), e);
        }
    }

    private static void stored(ZipOutputStream zip, String name, byte[] content) throws IOException {
        ZipEntry e = new ZipEntry(name);
        CRC32 crc = new CRC32();
        crc.update(content);
        e.setMethod(ZipEntry.STORED);
        e.setSize(content.length);
        e.setCompressedSize(content.length);
        e.setCrc(crc.getValue());
        e.setTime(0); // the same code gives the same bytes
        zip.putNextEntry(e);
        zip.write(content);
        zip.closeEntry();
    }
}
