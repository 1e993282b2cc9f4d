package io.zerowaste.core.data;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Pixel normalisation (x/255 − mean_c) / std_c, computed per channel on the training split and stored in the
 * bundle. A grey set has one channel and is written as the scalars {@code mean} and {@code std} alone, as
 * bundles always were (so old bundles load and grey bundles read the same); a colour set adds the per-channel
 * lists, and {@code mean}/{@code std} then hold the statistics over all channels, for display.
 *
 * @param channelMeans per-channel means, or null for one channel
 * @param channelStds per-channel standard deviations, or null for one channel
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Normalization(double mean, double std, List<Double> channelMeans, List<Double> channelStds) {

    public Normalization {
        if ((channelMeans == null) != (channelStds == null)
                || (channelMeans != null && channelMeans.size() != channelStds.size())) {
            throw new IllegalArgumentException("per-channel means and stds must come together, one of each per channel");
        }
        channelMeans = channelMeans == null ? null : List.copyOf(channelMeans);
        channelStds = channelStds == null ? null : List.copyOf(channelStds);
    }

    /** One channel. */
    public Normalization(double mean, double std) {
        this(mean, std, null, null);
    }

    public static Normalization fit(ImageSet train) {
        int c = train.channels();
        int plane = train.planeSize();
        double[] sum = new double[c + 1];
        double[] sumSq = new double[c + 1];
        byte[] px = train.pixels();
        for (int i = 0; i < px.length; i++) {
            double v = (px[i] & 0xff) / 255.0;
            int ch = (i / plane) % c;
            sum[ch] += v;
            sumSq[ch] += v * v;
        }
        if (c == 1) {
            return of(sum[0], sumSq[0], px.length);
        }
        Double[] means = new Double[c];
        Double[] stds = new Double[c];
        double all = 0;
        double allSq = 0;
        for (int ch = 0; ch < c; ch++) {
            Normalization n = of(sum[ch], sumSq[ch], px.length / c);
            means[ch] = n.mean;
            stds[ch] = n.std;
            all += sum[ch];
            allSq += sumSq[ch];
        }
        Normalization overall = of(all, allSq, px.length);
        return new Normalization(overall.mean, overall.std, List.of(means), List.of(stds));
    }

    private static Normalization of(double sum, double sumSq, long n) {
        double mean = sum / n;
        double var = Math.max(sumSq / n - mean * mean, 1e-12);
        return new Normalization(mean, Math.sqrt(var));
    }

    /** How many channels this normalisation is for. */
    @JsonIgnore
    public int channels() {
        return channelMeans == null ? 1 : channelMeans.size();
    }

    /** The mean of channel {@code c}. */
    public double mean(int c) {
        return channelMeans == null ? mean : channelMeans.get(c);
    }

    /** The standard deviation of channel {@code c}. */
    public double std(int c) {
        return channelStds == null ? std : channelStds.get(c);
    }

    /** A pixel of a one-channel image (or of channel 0). */
    public float apply(int pixel) {
        return apply(0, pixel);
    }

    public float apply(int channel, int pixel) {
        return (float) ((pixel / 255.0 - mean(channel)) / std(channel));
    }

    /** A normalisation for {@code c} channels: this one when it has them, this grey one repeated otherwise. */
    public Normalization forChannels(int c) {
        if (c == channels()) {
            return this;
        }
        if (channels() != 1) {
            throw new IllegalArgumentException("a " + channels() + "-channel normalisation cannot serve " + c + " channels");
        }
        return new Normalization(mean, std, java.util.Collections.nCopies(c, mean), java.util.Collections.nCopies(c, std));
    }
}
