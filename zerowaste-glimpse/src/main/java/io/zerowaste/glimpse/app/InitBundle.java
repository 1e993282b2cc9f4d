package io.zerowaste.glimpse.app;

import ai.djl.ndarray.NDManager;
import io.zerowaste.core.ZeroWasteException;
import io.zerowaste.core.config.GlimpseConfig;
import io.zerowaste.core.data.Dataset;
import io.zerowaste.core.provenance.Provenance;
import io.zerowaste.core.result.GlimpseBundleInfo;
import io.zerowaste.nn.bundle.ModelBundle;
import java.nio.file.Path;

/** The glimpse bundle {@code glimpse train --init} starts from: loaded, and checked against the data and the options. */
final class InitBundle {

    private InitBundle() {}

    /**
     * The bundle at {@code dir}, refused unless it was trained on this data with this {@code --seed} and
     * {@code --train-limit} (the same train/validation split: validating on images the bundle trained on would
     * flatter every choice) and has the options' shape; it must lie outside {@code runDir}, which the run rewrites.
     */
    static GlimpseBundle.Loaded read(Path dir, GlimpseConfig cfg, Dataset data, Path runDir, NDManager manager) {
        if (dir.toAbsolutePath().normalize().startsWith(runDir.toAbsolutePath().normalize())) {
            throw ZeroWasteException.badInput("--init " + dir + " lies inside --out " + runDir + ", which this run rewrites: fine-tune into "
                    + "a new --out folder");
        }
        GlimpseBundle.Loaded b = GlimpseBundle.read(dir, manager);
        ModelBundle.checkImagesFit(b.manifest(), data.train(), dir);
        Provenance p = b.manifest().provenance();
        if (p == null || p.datasetHash() == null || !p.datasetHash().equals(data.contentHash())) {
            throw ZeroWasteException.badInput("--init " + dir + " was not trained on " + data.name() + " (content " + data.contentHash()
                    + "): fine-tune on the bundle's own data, so that its validation images stay unseen");
        }
        Object limit = p.config() == null ? null : p.config().get("train_limit");
        int bundleLimit = limit instanceof Number n ? n.intValue() : 0;
        if (p.seed() != cfg.seed() || bundleLimit != cfg.trainLimit()) {
            throw ZeroWasteException.badInput("--init " + dir + " was trained with --seed " + p.seed() + " --train-limit " + bundleLimit
                    + ": pass the same, so that the fine-tune validates on the same held-out images");
        }
        if (b.manifest().architecture().numClasses() != data.numClasses()) {
            throw ZeroWasteException.badInput("--init " + dir + " has " + b.manifest().architecture().numClasses() + " classes and the data "
                    + data.numClasses() + " (fine-tune on the data the bundle was trained on)");
        }
        GlimpseBundleInfo i = GlimpseBundleInfo.of(b.manifest().extra());
        if (i.width() != cfg.width() || i.depth() != cfg.depth() || i.decoderDepth() != cfg.decoderDepth() || i.heads() != cfg.heads()
                || i.patch() != cfg.patch()) {
            throw ZeroWasteException.badInput("--init " + dir + " is a --width " + i.width() + " --depth " + i.depth() + " --decoder-depth "
                    + i.decoderDepth() + " --patch " + i.patch() + " model: pass the same options to fine-tune it");
        }
        return b;
    }
}
