package io.zerowaste.spark;

import io.zerowaste.nn.model.ArchitectureSpec;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.Row;

/** Up to a fixed number of rows taken from a partition's iterator, each checked, with their pixels end to end. */
record RowChunk(List<Row> rows, byte[] pixels) {

    int size() {
        return rows.size();
    }

    /** The next rows of {@code it} (at most {@code max}); a row with a missing id or wrong pixel length fails, named. */
    static RowChunk take(Iterator<Row> it, int max, int idIndex, int pixelsIndex, ArchitectureSpec spec) {
        int size = PixelSchema.pixelsPerImage(spec);
        List<Row> rows = new ArrayList<>();
        byte[] pixels = new byte[Math.min(max, 1024) * size];
        while (rows.size() < max && it.hasNext()) {
            Row r = it.next();
            byte[] px = r.isNullAt(pixelsIndex) ? null : (byte[]) r.get(pixelsIndex);
            PixelSchema.checkRow(r.isNullAt(idIndex) ? null : r.get(idIndex), px, spec);
            if ((rows.size() + 1) * size > pixels.length) {
                pixels = java.util.Arrays.copyOf(pixels, Math.min(max, 2 * (rows.size() + 1)) * size);
            }
            System.arraycopy(px, 0, pixels, rows.size() * size, size);
            rows.add(r);
        }
        return new RowChunk(rows, pixels);
    }
}
