package io.zerowaste.core.data;

/** Pixel normalisation (x/255 − mean) / std, computed on the training split and stored in the bundle. */
public record Normalization(double mean, double std) {

    public static Normalization fit(ImageSet train) {
        double sum = 0;
        double sumSq = 0;
        byte[] px = train.pixels();
        for (byte b : px) {
            double v = (b & 0xff) / 255.0;
            sum += v;
            sumSq += v * v;
        }
        double mean = sum / px.length;
        double var = Math.max(sumSq / px.length - mean * mean, 1e-12);
        return new Normalization(mean, Math.sqrt(var));
    }

    public float apply(int pixel) {
        return (float) ((pixel / 255.0 - mean) / std);
    }
}
