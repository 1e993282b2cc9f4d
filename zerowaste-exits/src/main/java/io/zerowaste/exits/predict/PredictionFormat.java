package io.zerowaste.exits.predict;

import io.zerowaste.core.ZeroWasteException;
import io.zerowaste.core.io.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** How {@code exits predict} writes its predictions: one CSV row, or one JSON object, per image. */
public enum PredictionFormat {
    CSV {
        @Override
        public String write(List<ExitPrediction> ps, List<String> names) {
            StringBuilder sb = new StringBuilder("index,label,class_name,confidence,exit_head,cost_fraction\n");
            for (int i = 0; i < ps.size(); i++) {
                ExitPrediction p = ps.get(i);
                sb.append(i).append(',').append(p.label()).append(',').append('"').append(names.get(p.label())).append('"')
                        .append(',').append(String.format("%.5f", p.confidence())).append(',').append(p.exitHead()).append(',')
                        .append(String.format("%.5f", p.costFraction())).append('\n');
            }
            return sb.toString();
        }
    },
    JSON {
        @Override
        public String write(List<ExitPrediction> ps, List<String> names) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (ExitPrediction p : ps) {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("label", p.label());
                r.put("class_name", names.get(p.label()));
                r.put("confidence", p.confidence());
                r.put("exit_head", p.exitHead());
                r.put("cost_fraction", p.costFraction());
                rows.add(r);
            }
            return Json.toString(Map.of("predictions", rows)) + "\n";
        }
    };

    /** The predictions as text, with {@code names} the class names by label. */
    public abstract String write(List<ExitPrediction> predictions, List<String> names);

    /** {@code csv} or {@code json}; anything else is a bad-input error. */
    public static PredictionFormat of(String name) {
        return switch (name) {
            case "csv" -> CSV;
            case "json" -> JSON;
            default -> throw ZeroWasteException.badInput("unknown --format '" + name + "' (use csv or json)");
        };
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
