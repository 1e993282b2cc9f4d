package io.zerowaste.cli;

import io.zerowaste.core.data.Dataset;
import io.zerowaste.core.data.DatasetLocator;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --data DIR}, shared by every command that reads a dataset. */
final class DataOptions {

    @Option(names = "--data", paramLabel = "DIR",
            description = "Folder of IDX files (train-images-idx3-ubyte[.gz], …). Default: $ZEROWASTE_DATA, else "
                    + "/usr/share/datasets/fashion-mnist (Debian package dataset-fashion-mnist).")
    Path data;

    Path folder() {
        return DatasetLocator.resolve(data, System.getenv());
    }

    Dataset load() {
        Path dir = folder();
        Console.info("loading " + dir);
        return DatasetLocator.load(dir);
    }
}
