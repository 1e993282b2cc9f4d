package io.zerowaste.report;

import io.zerowaste.core.ZeroWasteException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** XChart charts in one consistent style, rendered to inline SVG. */
public final class Charts {

    public static final int WIDTH = 640;
    public static final int HEIGHT = 400;

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Charts() {}

    public static XYChart xy(String title, String xTitle, String yTitle) {
        XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        c.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        c.getStyler().setMarkerSize(6);
        return c;
    }

    /** A line with markers. */
    public static void line(XYChart c, String name, List<? extends Number> x, List<? extends Number> y) {
        if (!x.isEmpty()) {
            c.addSeries(name, x, y).setMarker(SeriesMarkers.CIRCLE);
        }
    }

    /** Points without a line (a single reference such as the plain backbone). */
    public static void points(XYChart c, String name, List<? extends Number> x, List<? extends Number> y) {
        if (!x.isEmpty()) {
            XYSeries s = c.addSeries(name, x, y);
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            s.setMarker(SeriesMarkers.DIAMOND);
        }
    }

    /** A heat map of {@code values[row][col]} (row = y). */
    public static HeatMapChart heatMap(String title, String xTitle, String yTitle, List<String> xLabels, List<String> yLabels,
            double[][] values, double min, double max) {
        HeatMapChart c = new HeatMapChartBuilder().width(WIDTH / 2 + 80).height(HEIGHT - 60).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        c.getStyler().setShowValue(true);
        c.getStyler().setMin(min);
        c.getStyler().setMax(max);
        c.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        c.getStyler().setLegendVisible(false);
        // light greens, so the values printed on the cells stay readable
        c.getStyler().setRangeColors(new java.awt.Color[] {new java.awt.Color(0xf7, 0xfc, 0xf5), new java.awt.Color(0xc7, 0xe9, 0xc0),
                new java.awt.Color(0x74, 0xc4, 0x76)});
        java.util.List<Number[]> data = new java.util.ArrayList<>();
        for (int r = 0; r < values.length; r++) {
            for (int col = 0; col < values[r].length; col++) {
                data.add(new Number[] {col, r, Math.round(values[r][col] * 1000) / 10.0});
            }
        }
        c.addSeries("R", xLabels, yLabels, data);
        return c;
    }

    /**
     * The values an XY chart plots, as a table (series, x, y): XChart draws text as outlines, so this is
     * how a reader (or a test) gets the exact numbers behind the picture.
     */
    public static String dataTable(String name, XYChart chart) {
        List<List<String>> rows = new java.util.ArrayList<>();
        for (XYSeries s : chart.getSeriesMap().values()) {
            double[] x = s.getXData();
            double[] y = s.getYData();
            for (int i = 0; i < x.length; i++) {
                rows.add(List.of(Html.escape(s.getName()), Html.num(x[i], 4), Html.num(y[i], 4)));
            }
        }
        return Html.table(name + "-data", List.of("series", chart.getXAxisTitle(), chart.getYAxisTitle()), rows);
    }

    /** The chart as an {@code <svg>} element (the XML prologue and DOCTYPE removed, so it can sit inline). */
    public static String svg(Chart<?, ?> chart) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        } catch (IOException e) {
            throw ZeroWasteException.failure("cannot draw the chart '" + chart.getTitle() + "': " + e.getMessage(), e);
        }
        String s = out.toString(StandardCharsets.UTF_8);
        int start = s.indexOf("<svg");
        return start < 0 ? s : s.substring(start);
    }
}
