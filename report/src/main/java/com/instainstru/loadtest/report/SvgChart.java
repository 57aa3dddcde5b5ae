package com.instainstru.loadtest.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small self-contained SVG line chart (no scripts, no fonts or styles from the network): series of
 * points, optional dashed horizontal limit lines and vertical markers with a caption.
 */
public final class SvgChart {

    /** A named line; a fitted line is drawn dashed in the colour of the series before it. */
    public record Series(String name, List<double[]> points, boolean fitted) {}

    private record Marker(double x, String caption) {}

    /** How a limit line reads: a plain one (grey), a warning or a critical threshold. */
    public enum LimitKind {
        PLAIN("#999", "6,4", 1), WARNING("#777", "6,4", 1.5), CRITICAL("#000", "10,3,2,3", 1.5);

        private final String color;
        private final String dash;
        private final double width;

        LimitKind(String color, String dash, double width) {
            this.color = color;
            this.dash = dash;
            this.width = width;
        }
    }

    private record Limit(double y, String caption, LimitKind kind) {}

    private record PointLabel(double x, double y, String text) {}

    /** Okabe-Ito: distinct for colour-blind readers and in print (its yellow is left out, too pale on white). */
    private static final String[] COLORS =
            {"#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"};
    private static final int W = 820;
    private static final int H = 380;
    private static final int LEFT = 70;
    private static final int RIGHT = 190;
    private static final int TOP = 40;
    private static final int BOTTOM = 50;

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final List<Series> series = new ArrayList<>();
    private final List<Marker> markers = new ArrayList<>();
    private final List<Limit> limits = new ArrayList<>();
    private final List<PointLabel> pointLabels = new ArrayList<>();

    public SvgChart(String title, String xLabel, String yLabel) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    public SvgChart series(String name, List<double[]> points) {
        return add(name, points, false);
    }

    /** A fitted line (e.g. a regression) for the series added just before it. */
    public SvgChart fittedLine(String name, List<double[]> points) {
        return add(name, points, true);
    }

    private SvgChart add(String name, List<double[]> points, boolean fitted) {
        List<double[]> finite = points.stream().filter(p -> Double.isFinite(p[0]) && Double.isFinite(p[1])).toList();
        if (!finite.isEmpty()) {
            series.add(new Series(name, finite, fitted));
        }
        return this;
    }

    /** A vertical dashed line at {@code x} with a caption (the marked step, the elbow, ...). */
    public SvgChart marker(double x, String caption) {
        markers.add(new Marker(x, caption));
        return this;
    }

    /** A horizontal dashed line at {@code y} (a threshold). */
    public SvgChart limit(double y, String caption) {
        return limit(y, caption, LimitKind.PLAIN);
    }

    /** A horizontal line at {@code y} drawn as a warning or critical threshold. */
    public SvgChart limit(double y, String caption, LimitKind kind) {
        limits.add(new Limit(y, caption, kind));
        return this;
    }

    /** A short text beside the point (x, y), e.g. the step a point was measured in. */
    public SvgChart pointLabel(double x, double y, String text) {
        if (Double.isFinite(x) && Double.isFinite(y)) {
            pointLabels.add(new PointLabel(x, y, text));
        }
        return this;
    }

    public String render() {
        double minX = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double maxY = 0;
        for (Series s : series) {
            for (double[] p : s.points()) {
                minX = Math.min(minX, p[0]);
                maxX = Math.max(maxX, p[0]);
                maxY = Math.max(maxY, p[1]);
            }
        }
        for (Marker m : markers) {
            minX = Math.min(minX, m.x());
            maxX = Math.max(maxX, m.x());
        }
        for (Limit l : limits) {
            maxY = Math.max(maxY, l.y());
        }
        if (!Double.isFinite(minX)) {
            minX = 0;
            maxX = 1;
        }
        if (maxX == minX) {
            maxX = minX + 1;
        }
        maxY = niceCeiling(maxY == 0 ? 1 : maxY * 1.05);
        Scale sx = new Scale(minX, maxX, LEFT, W - RIGHT);
        Scale sy = new Scale(0, maxY, H - BOTTOM, TOP);

        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
                        + "font-family=\"sans-serif\" font-size=\"12\">%n", W, H, W, H));
        svg.append("<title>").append(esc(title)).append("</title>\n");
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        text(svg, W / 2.0, 22, "middle", 15, title);
        axes(svg, sx, sy, minX, maxX, maxY);
        for (Limit l : limits) {
            double y = sy.map(l.y());
            svg.append(String.format(Locale.ROOT, "<g class=\"limit %s\">", l.kind().name().toLowerCase(Locale.ROOT)));
            svg.append(String.format(Locale.ROOT,
                    "<line x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\" stroke=\"%s\" stroke-width=\"%s\" "
                            + "stroke-dasharray=\"%s\"/>", fmt(LEFT), fmt(y), fmt(W - RIGHT), fmt(y), l.kind().color,
                    l.kind().width, l.kind().dash));
            // warnings caption below their line: a critical limit at the same value keeps its caption above
            text(svg, W - RIGHT - 4, l.kind() == LimitKind.WARNING ? y + 13 : y - 4, "end", 11, l.caption());
            svg.append("</g>\n");
        }
        int colorIndex = -1;
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            if (!s.fitted() || colorIndex < 0) {
                colorIndex++;
            }
            String color = COLORS[colorIndex % COLORS.length];
            StringBuilder pts = new StringBuilder();
            for (double[] p : s.points()) {
                pts.append(fmt(sx.map(p[0]))).append(',').append(fmt(sy.map(p[1]))).append(' ');
            }
            svg.append("<polyline class=\"series\" data-name=\"").append(esc(s.name())).append("\" fill=\"none\" stroke=\"")
                    .append(color).append(s.fitted() ? "\" stroke-dasharray=\"8,4" : "")
                    .append("\" stroke-width=\"2\" points=\"").append(pts.toString().trim()).append("\"/>\n");
            if (!s.fitted() && s.points().size() <= 60) {
                for (double[] p : s.points()) {
                    svg.append(String.format(Locale.ROOT, "<circle cx=\"%s\" cy=\"%s\" r=\"3\" fill=\"%s\"/>%n",
                            fmt(sx.map(p[0])), fmt(sy.map(p[1])), color));
                }
            }
            double ly = TOP + 16 * i;
            svg.append(line(W - RIGHT + 12, ly, W - RIGHT + 32, ly, color, s.fitted() ? "8,4" : null));
            text(svg, W - RIGHT + 36, ly + 4, "start", 11, s.name());
        }
        for (PointLabel p : pointLabels) {
            svg.append("<g class=\"point-label\">");
            text(svg, sx.map(p.x()) + 5, sy.map(p.y()) - 6, "start", 10, p.text());
            svg.append("</g>\n");
        }
        for (int i = 0; i < markers.size(); i++) {
            Marker m = markers.get(i);
            double x = sx.map(m.x());
            svg.append("<g class=\"marker\">");
            svg.append(line(x, TOP, x, H - BOTTOM, "#d62728", "4,3").trim());
            // captions right of the middle hang to the left, clear of the legend
            boolean rightHalf = x > (LEFT + W - RIGHT) / 2.0;
            text(svg, rightHalf ? x - 4 : x + 4, TOP + 12 + 14 * i, rightHalf ? "end" : "start", 11, m.caption());
            svg.append("</g>\n");
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    private void axes(StringBuilder svg, Scale sx, Scale sy, double minX, double maxX, double maxY) {
        svg.append(line(LEFT, H - BOTTOM, W - RIGHT, H - BOTTOM, "#333", null));
        svg.append(line(LEFT, TOP, LEFT, H - BOTTOM, "#333", null));
        for (int i = 0; i <= 5; i++) {
            double yv = maxY * i / 5;
            double y = sy.map(yv);
            svg.append(line(LEFT - 4, y, W - RIGHT, y, "#eee", null));
            text(svg, LEFT - 8, y + 4, "end", 11, label(yv));
            double xv = minX + (maxX - minX) * i / 5;
            double x = sx.map(xv);
            svg.append(line(x, H - BOTTOM, x, H - BOTTOM + 4, "#333", null));
            text(svg, x, H - BOTTOM + 18, "middle", 11, label(xv));
        }
        text(svg, (LEFT + W - RIGHT) / 2.0, H - 10, "middle", 12, xLabel);
        svg.append(String.format(Locale.ROOT,
                "<text x=\"16\" y=\"%s\" text-anchor=\"middle\" transform=\"rotate(-90 16 %s)\">%s</text>%n",
                fmt(H / 2.0), fmt(H / 2.0), esc(yLabel)));
    }

    private static String line(double x1, double y1, double x2, double y2, String color, String dash) {
        return String.format(Locale.ROOT, "<line x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\" stroke=\"%s\"%s/>%n",
                fmt(x1), fmt(y1), fmt(x2), fmt(y2), color, dash == null ? "" : " stroke-dasharray=\"" + dash + "\"");
    }

    private static void text(StringBuilder svg, double x, double y, String anchor, int size, String s) {
        svg.append(String.format(Locale.ROOT, "<text x=\"%s\" y=\"%s\" text-anchor=\"%s\" font-size=\"%d\">%s</text>%n",
                fmt(x), fmt(y), anchor, size, esc(s)));
    }

    private static String label(double v) {
        if (Math.abs(v) >= 100 || v == Math.rint(v)) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }

    /** Rounds up to 1, 2 or 5 times a power of ten so the y ticks read well. */
    static double niceCeiling(double v) {
        double mag = Math.pow(10, Math.floor(Math.log10(v)));
        for (double step : new double[] {1, 2, 5, 10}) {
            if (step * mag >= v) {
                return step * mag;
            }
        }
        return 10 * mag;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private record Scale(double from, double to, double pixelFrom, double pixelTo) {
        double map(double v) {
            return pixelFrom + (v - from) / (to - from) * (pixelTo - pixelFrom);
        }
    }
}
