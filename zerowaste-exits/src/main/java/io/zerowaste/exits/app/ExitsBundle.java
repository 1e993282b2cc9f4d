package io.zerowaste.exits.app;

import ai.djl.ndarray.NDManager;
import io.zerowaste.core.ZeroWasteException;
import io.zerowaste.core.result.ExitsBundleInfo;
import io.zerowaste.exits.method.EarlyExitMethod;
import io.zerowaste.exits.model.EarlyExitModel;
import io.zerowaste.exits.policy.ExitPolicy;
import io.zerowaste.exits.predict.ExitingPredictor;
import io.zerowaste.nn.bundle.BundleManifest;
import io.zerowaste.nn.bundle.ModelBundle;
import java.nio.file.Path;

/**
 * An early-exit bundle: a model bundle of kind "exits" whose parameters hold backbone, heads and (ZTW)
 * ensembles, and whose {@code extra} names the method, the policy and its calibrated parameter.
 */
public final class ExitsBundle {

    public static final String KIND = "exits";

    /** A loaded exits bundle. */
    public record Loaded(BundleManifest manifest, EarlyExitModel model, EarlyExitMethod method, double param) {

        public ExitPolicy policy(double p) {
            return method.policy(p);
        }

        /** A dynamic predictor at the calibrated setting. */
        public ExitingPredictor predictor() {
            return predictor(param);
        }

        /** A dynamic predictor at another threshold (patience for PBEE). */
        public ExitingPredictor predictor(double p) {
            return new ExitingPredictor(model, method.policy(p), method.ensemble());
        }

        public double backboneValidationAccuracy() {
            Double v = ExitsBundleInfo.of(manifest.extra(), "bundle").backboneValAccuracy();
            return v == null ? Double.NaN : v;
        }
    }

    private ExitsBundle() {}

    public static Loaded read(Path dir, NDManager manager) {
        BundleManifest m = ModelBundle.readManifest(dir);
        if (!KIND.equals(m.kind())) {
            throw ZeroWasteException.badInput(dir + " is a '" + m.kind() + "' bundle, not an early-exit bundle "
                    + "(pass one of the method folders that 'zerowaste exits train' wrote, e.g. RUN_DIR/ztw)");
        }
        ExitsBundleInfo info = ExitsBundleInfo.of(m.extra(), dir);
        EarlyExitMethod method = EarlyExitMethod.of(info.method());
        byte[] bytes = ModelBundle.readParameters(dir, m);
        EarlyExitModel model = new EarlyExitModel(m.architecture().build(), method.cascade(), method.ensemble());
        ModelBundle.load(model, bytes, manager, m.architecture().inputShape(), dir);
        return new Loaded(m, model, method, info.param());
    }
}
