package io.zerowaste.report.aggregate;

import java.util.List;

/** The mean and sample standard deviation (n − 1) of one figure over seeds; null when any run lacks it. */
public record MeanStd(double mean, double std, int n) {

    public static MeanStd of(List<Double> values) {
        if (values.isEmpty() || values.stream().anyMatch(v -> v == null || v.isNaN())) {
            return null;
        }
        double mean = values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double ss = values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
        double std = values.size() > 1 ? Math.sqrt(ss / (values.size() - 1)) : 0;
        return new MeanStd(mean, std, values.size());
    }

    /** "92.69 ± 0.12" with the values scaled by {@code scale} (100 for fractions shown in percent). */
    public String format(double scale, int decimals) {
        String f = "%." + decimals + "f";
        return String.format(java.util.Locale.ROOT, f + " ± " + f, mean * scale, std * scale);
    }
}
