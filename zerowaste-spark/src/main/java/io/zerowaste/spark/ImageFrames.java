package io.zerowaste.spark;

import io.zerowaste.core.ZeroWasteException;
import io.zerowaste.core.data.IdxReader;
import io.zerowaste.core.data.ImageSet;
import io.zerowaste.core.io.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/** Image tables in and out of Spark: IDX files as rows, Parquet read and checked, Parquet written atomically. */
public final class ImageFrames {

    private ImageFrames() {}

    /**
     * The images at {@code input}: an IDX images file ({@code id} = its index), or Parquet (a file or a folder of
     * parts) with the images schema. {@code partitions} > 0 repartitions them.
     */
    public static Dataset<Row> read(SparkSession spark, String input, int partitions) {
        Dataset<Row> df;
        if (isLocalPath(input) && isIdx(Path.of(input))) {
            df = rows(spark, IdxReader.readImagesOnly(Path.of(input)), false, partitions);
        } else {
            if (isLocalPath(input) && !Files.exists(Path.of(input))) {
                throw ZeroWasteException.badInput("input not found: " + input + " (pass an IDX images file or a Parquet file or folder)");
            }
            try {
                df = spark.read().parquet(input);
            } catch (RuntimeException e) {
                throw ZeroWasteException.badInput("cannot read " + input + " as Parquet: " + firstLine(e)
                        + " (pass an IDX images file, or Parquet with id bigint, pixels binary)", e);
            }
            if (partitions > 0) {
                df = df.repartition(partitions);
            }
        }
        return df;
    }

    /** {@code set} as rows of {@code id, pixels} (and {@code true_label} when {@code labelled}), ids = indices. */
    public static Dataset<Row> rows(SparkSession spark, ImageSet set, boolean labelled, int partitions) {
        int size = set.imageSize();
        List<Row> rows = new ArrayList<>(set.size());
        for (int i = 0; i < set.size(); i++) {
            byte[] px = Arrays.copyOfRange(set.pixels(), i * size, (i + 1) * size);
            rows.add(labelled ? RowFactory.create((long) i, px, set.labels()[i]) : RowFactory.create((long) i, px));
        }
        StructType schema = labelled ? PixelSchema.LABELLED : PixelSchema.IMAGES;
        int slices = partitions > 0 ? partitions : spark.sparkContext().defaultParallelism();
        return spark.createDataFrame(JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(rows, slices), schema);
    }

    /** Writes {@code df} as Parquet at {@code out}: a local folder is built beside it and swapped in whole. */
    public static void writeParquet(Dataset<Row> df, String out) {
        if (isLocalPath(out)) {
            AtomicFiles.writeFolder(Path.of(out), tmp -> df.write().mode(SaveMode.Overwrite).parquet(tmp.toString()));
        } else {
            df.write().mode(SaveMode.Overwrite).parquet(out);
        }
    }

    /** True for an IDX images file (raw or gzip): its magic number 0x00000803 or a gzip header. */
    static boolean isIdx(Path p) {
        if (!Files.isRegularFile(p)) {
            return false;
        }
        try (InputStream in = Files.newInputStream(p)) {
            byte[] head = in.readNBytes(4);
            boolean gzip = head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b;
            boolean idx3 = head.length == 4 && head[0] == 0 && head[1] == 0 && head[2] == 8 && head[3] == 3;
            return gzip || idx3;
        } catch (IOException e) {
            throw ZeroWasteException.badInput("cannot read " + p + ": " + e.getMessage());
        }
    }

    public static boolean isLocalPath(String path) {
        return !path.contains("://");
    }

    private static String firstLine(Throwable e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
