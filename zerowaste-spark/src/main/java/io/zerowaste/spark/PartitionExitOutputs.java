package io.zerowaste.spark;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import io.zerowaste.exits.app.ExitsBundle;
import io.zerowaste.exits.eval.ExitOutputsCollector;
import io.zerowaste.nn.eval.Batches;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * One task's share of a calibration: what every exit says about each labelled row (the class probabilities
 * {@link ExitOutputsCollector#exitLogits} gives, the ensemble's for ZTW), computed lazily batch by batch. The driver
 * gathers them and runs the same sweep as {@code exits eval}.
 */
final class PartitionExitOutputs implements MapPartitionsFunction<Row, Row> {

    /** id, true label, then every exit's class probabilities end to end (exit-major). */
    static final StructType SCHEMA = new StructType()
            .add(PixelSchema.ID, DataTypes.LongType, false)
            .add(PixelSchema.TRUE_LABEL, DataTypes.IntegerType, false)
            .add("probs", DataTypes.createArrayType(DataTypes.FloatType, false), false);

    private final Broadcast<BundleRef> bundle;
    private final int idIndex;
    private final int pixelsIndex;
    private final int labelIndex;

    PartitionExitOutputs(Broadcast<BundleRef> bundle, int idIndex, int pixelsIndex, int labelIndex) {
        this.bundle = bundle;
        this.idIndex = idIndex;
        this.pixelsIndex = pixelsIndex;
        this.labelIndex = labelIndex;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
        ExitsBundle.Loaded b = ExecutorBundles.get(bundle.value());
        PixelBatches batches = new PixelBatches(b.manifest().architecture(), b.manifest().normalization());
        ArrayDeque<Row> ready = new ArrayDeque<>();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                while (ready.isEmpty() && rows.hasNext()) {
                    // the batch of the single-JVM evaluation, so that both run the same kernels
                    RowChunk chunk = RowChunk.take(rows, Batches.INFERENCE_BATCH, idIndex, pixelsIndex, b.manifest().architecture());
                    outputs(b, batches, chunk, ready);
                }
                return !ready.isEmpty();
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return ready.poll();
            }
        };
    }

    private void outputs(ExitsBundle.Loaded b, PixelBatches batches, RowChunk chunk, ArrayDeque<Row> ready) {
        int n = chunk.size();
        int exits = b.model().numExits();
        float[][] probs = new float[exits][];
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = batches.batch(manager, chunk.pixels(), 0, n);
            NDList out = ExitOutputsCollector.exitLogits(b.model(), new ParameterStore(manager, false), x, b.method().ensemble());
            for (int e = 0; e < exits; e++) {
                probs[e] = out.get(e).softmax(1).toFloatArray();
            }
        }
        int classes = probs[0].length / n;
        for (int k = 0; k < n; k++) {
            Row r = chunk.rows().get(k);
            float[] all = new float[exits * classes];
            for (int e = 0; e < exits; e++) {
                System.arraycopy(probs[e], k * classes, all, e * classes, classes);
            }
            ready.add(RowFactory.create(r.getLong(idIndex), r.getInt(labelIndex), all));
        }
    }
}
