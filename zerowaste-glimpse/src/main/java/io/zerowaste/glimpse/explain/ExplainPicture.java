package io.zerowaste.glimpse.explain;

import io.zerowaste.glimpse.geometry.GlimpseGrid;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * One picture that explains an episode: the image on the left; then one column per glimpse with what has
 * been seen so far (unseen patches in a neutral blue-grey, this step's window outlined in red, earlier
 * windows numbered in order), under it the image as the model pieces it together (seen patches plus its
 * reconstruction of the rest), and under that the prediction and its confidence.
 */
public final class ExplainPicture {

    public static final int SCALE = 4;
    private static final int PAD = 10;
    private static final int TEXT = 34;
    private static final Color UNSEEN = new Color(0x9f, 0xb3, 0xc8);

    /** One glimpse: the patches seen after it, the window taken, the composite (0..1 pixels) and the prediction. */
    public record StepView(boolean[] seen, int position, float[] composite, String label, float confidence) {}

    private ExplainPicture() {}

    public static BufferedImage render(GlimpseGrid g, float[] original, String truth, List<StepView> steps) {
        int w = g.cols() * SCALE;
        int h = g.rows() * SCALE;
        int width = PAD + (w + PAD) * (steps.size() + 1);
        int height = PAD + TEXT + 2 * (h + PAD) + TEXT;
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D gr = img.createGraphics();
        gr.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        gr.setColor(Color.WHITE);
        gr.fillRect(0, 0, width, height);
        gr.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        gr.setColor(Color.BLACK);
        gr.drawString("image", PAD, PAD + 12);
        gr.drawString("(" + truth + ")", PAD, PAD + 26);
        drawPixels(gr, g, original, null, PAD, PAD + TEXT);
        for (int s = 0; s < steps.size(); s++) {
            StepView v = steps.get(s);
            int x = PAD + (w + PAD) * (s + 1);
            gr.setColor(Color.BLACK);
            gr.drawString("glimpse " + (s + 1), x, PAD + 12);
            drawPixels(gr, g, original, v.seen(), x, PAD + TEXT);
            for (int k = 0; k <= s; k++) { // the windows in the order taken
                int pos = steps.get(k).position();
                int px = x + pos % g.positionCols() * g.patch() * SCALE;
                int py = PAD + TEXT + pos / g.positionCols() * g.patch() * SCALE;
                int size = g.window() * g.patch() * SCALE;
                gr.setStroke(new BasicStroke(k == s ? 2f : 1f));
                gr.setColor(k == s ? Color.RED : new Color(0xff, 0xd0, 0x40));
                gr.drawRect(px, py, size - 1, size - 1);
                gr.drawString(String.valueOf(k + 1), px + 2, py + 11);
            }
            drawPixels(gr, g, v.composite(), null, x, PAD + TEXT + h + PAD);
            gr.setColor(Color.BLACK);
            gr.drawString(v.label(), x, PAD + TEXT + 2 * (h + PAD) + 12);
            gr.drawString(String.format("%.0f %%", 100 * v.confidence()), x, PAD + TEXT + 2 * (h + PAD) + 26);
        }
        gr.dispose();
        return img;
    }

    private static void drawPixels(Graphics2D gr, GlimpseGrid g, float[] pixels, boolean[] seen, int x0, int y0) {
        for (int r = 0; r < g.rows(); r++) {
            for (int c = 0; c < g.cols(); c++) {
                int patch = r / g.patch() * g.gridCols() + c / g.patch();
                if (seen != null && !seen[patch]) {
                    gr.setColor(UNSEEN);
                } else {
                    int v = Math.max(0, Math.min(255, Math.round(255 * pixels[r * g.cols() + c])));
                    gr.setColor(new Color(v, v, v));
                }
                gr.fillRect(x0 + c * SCALE, y0 + r * SCALE, SCALE, SCALE);
            }
        }
    }
}
