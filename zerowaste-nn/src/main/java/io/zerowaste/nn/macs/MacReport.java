package io.zerowaste.nn.macs;

import java.util.List;

/**
 * Forward multiply-accumulates of a staged network for one sample: per stage (stage 0 includes the stem),
 * and for the final classifier. Convolutions and linear layers only; BN, activations and pooling are
 * listed in {@code uncounted} but cost nothing here.
 */
public record MacReport(List<Long> stageMacs, long classifierMacs, List<String> uncounted) {

    public long total() {
        return stageMacs.stream().mapToLong(Long::longValue).sum() + classifierMacs;
    }

    /** MACs to run the backbone through stage {@code i} (inclusive). */
    public long upToStage(int i) {
        long s = 0;
        for (int k = 0; k <= i; k++) {
            s += stageMacs.get(k);
        }
        return s;
    }
}
