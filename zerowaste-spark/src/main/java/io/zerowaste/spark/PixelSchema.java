package io.zerowaste.spark;

import io.zerowaste.core.ZeroWasteException;
import io.zerowaste.nn.model.ArchitectureSpec;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The images' table: {@code id bigint, pixels binary} (C×H×W grey levels 0–255, row-major, as the bundle's
 * architecture takes them), other columns passed through; and the columns a prediction adds.
 */
public final class PixelSchema {

    public static final String ID = "id";
    public static final String PIXELS = "pixels";
    /** The true class, for calibration rows. */
    public static final String TRUE_LABEL = "true_label";
    /** Which rows a calibration table holds: "validation" (choices) or "test" (reported figures). */
    public static final String SPLIT = "split";

    /** The columns {@link ZeroWasteSpark#predict} adds. */
    public static final List<String> PREDICTION_COLUMNS = List.of("label", "class_name", "confidence", "exit_head", "cost_fraction");

    /** The table {@code zerowaste spark convert} writes and {@code spark predict} reads. */
    public static final StructType IMAGES = new StructType()
            .add(ID, DataTypes.LongType, false)
            .add(PIXELS, DataTypes.BinaryType, false);

    /** Images with their true class, for calibration. */
    public static final StructType LABELLED = IMAGES.add(TRUE_LABEL, DataTypes.IntegerType, false);

    private PixelSchema() {}

    /** Refuses a table without {@code id bigint} and {@code pixels binary}, or one that already has an output column. */
    public static void checkImages(StructType schema, String source) {
        require(schema, ID, DataTypes.LongType, "bigint", source);
        require(schema, PIXELS, DataTypes.BinaryType, "binary", source);
        for (String c : PREDICTION_COLUMNS) {
            if (Arrays.asList(schema.fieldNames()).contains(c)) {
                throw ZeroWasteException.badInput(source + " already has a column '" + c + "', which the prediction adds "
                        + "(drop or rename it first)");
            }
        }
    }

    /** Refuses a calibration table without {@code true_label int} beside the images. */
    public static void checkLabelled(StructType schema, String source) {
        require(schema, ID, DataTypes.LongType, "bigint", source);
        require(schema, PIXELS, DataTypes.BinaryType, "binary", source);
        require(schema, TRUE_LABEL, DataTypes.IntegerType, "int", source);
    }

    /** The input's columns followed by the prediction's. */
    static StructType withPredictions(StructType in) {
        return in.add("label", DataTypes.IntegerType, false)
                .add("class_name", DataTypes.StringType, false)
                .add("confidence", DataTypes.FloatType, false)
                .add("exit_head", DataTypes.IntegerType, false)
                .add("cost_fraction", DataTypes.DoubleType, false);
    }

    /** Bytes per image for {@code spec}: channels × height × width. */
    public static int pixelsPerImage(ArchitectureSpec spec) {
        return spec.channels() * spec.height() * spec.width();
    }

    /** Refuses one row's pixels, naming the row. */
    static void checkRow(Object id, byte[] pixels, ArchitectureSpec spec) {
        if (id == null) {
            throw ZeroWasteException.badInput("a row has no id (every row needs a unique id bigint)");
        }
        int want = pixelsPerImage(spec);
        if (pixels == null || pixels.length != want) {
            throw ZeroWasteException.badInput("row id " + id + " has " + (pixels == null ? "no" : pixels.length) + " pixel bytes but "
                    + "the model takes " + spec.channels() + "x" + spec.height() + "x" + spec.width() + " = " + want
                    + " (fix or drop that row)");
        }
    }

    private static void require(StructType schema, String name, DataType type, String sqlName, String source) {
        StructField f = Arrays.stream(schema.fields()).filter(x -> x.name().equals(name)).findFirst().orElse(null);
        if (f == null) {
            throw ZeroWasteException.badInput(source + " has no column '" + name + "' (the images table is " + describe()
                    + "; 'zerowaste spark convert' writes one from IDX files)");
        }
        if (!f.dataType().equals(type)) {
            throw ZeroWasteException.badInput(source + ": column '" + name + "' is " + f.dataType().sql().toLowerCase()
                    + ", not " + sqlName + " (the images table is " + describe() + ")");
        }
    }

    private static String describe() {
        return "id bigint, pixels binary";
    }
}
