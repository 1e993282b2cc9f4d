package io.zerowaste.core.result;

import io.zerowaste.core.ZeroWasteException;
import io.zerowaste.core.io.Json;
import io.zerowaste.core.metrics.CurvePoint;
import java.util.List;
import java.util.Map;

/**
 * What an early-exit bundle's manifest records beside the model ({@code extra}): the method, its exit policy,
 * the calibrated setting and the rule that chose it, the backbone's validation accuracy, each exit's cost and the
 * validation curve later choices are made on.
 */
public record ExitsBundleInfo(String method, String policy, double param, String paramRule, Double backboneValAccuracy,
        List<Double> exitCostFraction, List<CurvePoint> validationCurve) {

    /** The manifest's extra map as this record (keys unchanged on disk). */
    public Map<String, Object> toExtra() {
        return Json.asMap(this);
    }

    /** Reads a manifest's extra map; a bundle without a method or setting is corrupt. */
    public static ExitsBundleInfo of(Map<String, Object> extra, Object bundle) {
        if (extra == null || !(extra.get("method") instanceof String) || !(extra.get("param") instanceof Number)) {
            throw ZeroWasteException.badInput("corrupt bundle " + bundle + ": the manifest lacks the exit method or its parameter");
        }
        try {
            return Json.MAPPER.convertValue(extra, ExitsBundleInfo.class);
        } catch (IllegalArgumentException e) {
            throw ZeroWasteException.badInput("corrupt bundle " + bundle + ": the manifest's early-exit settings cannot be read ("
                    + e.getMessage().lines().findFirst().orElse("") + ")", e);
        }
    }
}
