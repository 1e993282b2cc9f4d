package io.zerowaste.lifecycle.demo;

import ai.djl.ndarray.NDManager;
import io.zerowaste.core.data.BatchAssembler;
import io.zerowaste.core.data.ImageSet;
import io.zerowaste.core.metrics.CostCurves;
import io.zerowaste.core.metrics.CurvePoint;
import io.zerowaste.exits.app.ExitsBundle;
import io.zerowaste.exits.eval.ExitOutputs;
import io.zerowaste.exits.eval.ExitOutputsCollector;
import io.zerowaste.exits.eval.ExitSimulator;

/** A bundle version on test images: accuracy and mean cost at its calibrated threshold, and the plain backbone's accuracy. */
public record VersionEvaluation(double accuracy, double costFraction, double backboneAccuracy, double threshold) {

    public static VersionEvaluation of(java.nio.file.Path bundle, ImageSet test) {
        try (NDManager manager = NDManager.newBaseManager()) {
            ExitsBundle.Loaded b = ExitsBundle.read(bundle, manager);
            ExitOutputs out = ExitOutputsCollector.collect(b.model(), manager, new BatchAssembler(test, b.manifest().normalization()),
                    b.method().ensemble());
            ExitSimulator.Decisions d = ExitSimulator.simulate(b.policy(b.param()), out);
            CurvePoint p = CostCurves.point(b.param(), d.exit(), d.prediction(), out.labels(), b.model().exitCostFractions());
            double backbone = CostCurves.perHeadAccuracy(out.predictions(), out.labels())[out.exits() - 1];
            return new VersionEvaluation(p.accuracy(), p.costFraction(), backbone, b.param());
        }
    }
}
