package com.instainstru.loadtest.report;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

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
    /** Once the colours run out, the next round of series is dashed and marked differently (S1 has 9 series). */
    private static final String[] DASHES = {null, "7,3", "2,3"};
    private static final String[] POINT_SHAPES = {"circle", "square", "triangle"};
    /** Width of the chart when its legend's names fit the default legend column (what page text is wrapped to). */
    public static final int DEFAULT_WIDTH = 820;
    private static final int H = 380;
    private static final int LEFT = 70;
    private static final int MIN_RIGHT = 190;
    private static final int PLOT_W = DEFAULT_WIDTH - LEFT - MIN_RIGHT;
    private static final int TOP = 40;
    private static final int BOTTOM = 50;
    /** Legend: line sample, gap, then the name at 11 px; names longer than this many characters wrap. */
    private static final int LEGEND_TEXT_X = 36;
    private static final int LEGEND_MAX_CHARS = 48;
    /** A generous average advance of an 11 px sans-serif character (underscores and lower case). */
    private static final double LEGEND_CHAR_PX = 6.6;
    /** x ticks closer than this to the one before are left out (their labels would overlap). */
    private static final double MIN_TICK_GAP_PX = 32;

    /** How a series is drawn: distinct for every series of a chart (up to 21), in colour and in grey print. */
    record Style(String color, String dash, String pointShape) {}

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final List<Series> series = new ArrayList<>();
    private final List<Marker> markers = new ArrayList<>();
    private final List<Limit> limits = new ArrayList<>();
    private final List<PointLabel> pointLabels = new ArrayList<>();
    private final TreeSet<Double> xTicks = new TreeSet<>();

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

    /**
     * Ticks of the x axis at these values (e.g. the user counts of the steps, which are whole numbers) instead of
     * five evenly spaced ones; a tick too close to the one before it is left out.
     */
    public SvgChart xTicksAt(Collection<? extends Number> values) {
        values.forEach(v -> {
            if (Double.isFinite(v.doubleValue())) {
                xTicks.add(v.doubleValue());
            }
        });
        return this;
    }

    /** The style of the {@code index}-th distinct series: Okabe-Ito colours, then the same with dashes and shapes. */
    static Style style(int index) {
        int round = index / COLORS.length;
        return new Style(COLORS[index % COLORS.length], DASHES[round % DASHES.length],
                POINT_SHAPES[round % POINT_SHAPES.length]);
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
        List<List<String>> legendLines = new ArrayList<>();
        int longest = 0;
        for (Series s : series) {
            List<String> lines = wrap(s.name(), LEGEND_MAX_CHARS);
            legendLines.add(lines);
            for (String l : lines) {
                longest = Math.max(longest, l.length());
            }
        }
        // the legend column widens to its longest name, so no name is cut off at the edge
        final int right = Math.max(MIN_RIGHT, (int) Math.ceil(12 + LEGEND_TEXT_X + longest * LEGEND_CHAR_PX + 8));
        final int w = LEFT + PLOT_W + right;
        Scale sx = new Scale(minX, maxX, LEFT, w - right);
        Scale sy = new Scale(0, maxY, H - BOTTOM, TOP);

        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
                        + "font-family=\"sans-serif\" font-size=\"12\">%n", w, H, w, H));
        svg.append("<title>").append(esc(title)).append("</title>\n");
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        text(svg, w / 2.0, 22, "middle", 15, title);
        axes(svg, sx, sy, minX, maxX, maxY, w - right);
        for (Limit l : limits) {
            double y = sy.map(l.y());
            svg.append(String.format(Locale.ROOT, "<g class=\"limit %s\">", l.kind().name().toLowerCase(Locale.ROOT)));
            svg.append(String.format(Locale.ROOT,
                    "<line x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\" stroke=\"%s\" stroke-width=\"%s\" "
                            + "stroke-dasharray=\"%s\"/>", fmt(LEFT), fmt(y), fmt(w - right), fmt(y), l.kind().color,
                    l.kind().width, l.kind().dash));
            // warnings caption below their line: a critical limit at the same value keeps its caption above
            text(svg, w - right - 4, l.kind() == LimitKind.WARNING ? y + 13 : y - 4, "end", 11, l.caption());
            svg.append("</g>\n");
        }
        int styleIndex = -1;
        double ly = TOP;
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            if (!s.fitted() || styleIndex < 0) {
                styleIndex++;
            }
            Style style = style(styleIndex);
            // a fitted line: dashed in the colour of its series, no points
            String dash = s.fitted() ? "8,4" : style.dash();
            StringBuilder pts = new StringBuilder();
            for (double[] p : s.points()) {
                pts.append(fmt(sx.map(p[0]))).append(',').append(fmt(sy.map(p[1]))).append(' ');
            }
            svg.append("<polyline class=\"series\" data-name=\"").append(esc(s.name())).append("\" fill=\"none\" stroke=\"")
                    .append(style.color()).append(dash != null ? "\" stroke-dasharray=\"" + dash : "")
                    .append("\" stroke-width=\"2\" points=\"").append(pts.toString().trim()).append("\"/>\n");
            if (!s.fitted() && s.points().size() <= 60) {
                for (double[] p : s.points()) {
                    point(svg, sx.map(p[0]), sy.map(p[1]), style);
                }
            }
            int lx = w - right + 12;
            svg.append("<g class=\"legend\" data-name=\"").append(esc(s.name())).append("\">");
            svg.append(line(lx, ly, lx + 20, ly, style.color(), dash).trim());
            if (!s.fitted()) {
                point(svg, lx + 10, ly, style);
            }
            for (String part : legendLines.get(i)) {
                text(svg, lx + LEGEND_TEXT_X - 12, ly + 4, "start", 11, part);
                ly += 13;
            }
            svg.append("</g>\n");
            ly += 3;
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
            boolean rightHalf = x > (LEFT + w - right) / 2.0;
            text(svg, rightHalf ? x - 4 : x + 4, TOP + 12 + 14 * i, rightHalf ? "end" : "start", 11, m.caption());
            svg.append("</g>\n");
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    private void axes(StringBuilder svg, Scale sx, Scale sy, double minX, double maxX, double maxY, int plotRight) {
        svg.append(line(LEFT, H - BOTTOM, plotRight, H - BOTTOM, "#333", null));
        svg.append(line(LEFT, TOP, LEFT, H - BOTTOM, "#333", null));
        // the same decimals on every y tick (0.2 ... 1.0, not 0.20 ... 1)
        int decimals = maxY / 5 >= 1 ? 0 : (int) Math.ceil(-Math.log10(maxY / 5) - 1e-9);
        for (int i = 0; i <= 5; i++) {
            double yv = maxY * i / 5;
            double y = sy.map(yv);
            svg.append(line(LEFT - 4, y, plotRight, y, "#eee", null));
            text(svg, LEFT - 8, y + 4, "end", 11, String.format(Locale.ROOT, "%." + decimals + "f", yv));
        }
        List<Double> ticks = new ArrayList<>();
        if (xTicks.isEmpty()) {
            for (int i = 0; i <= 5; i++) {
                ticks.add(minX + (maxX - minX) * i / 5);
            }
        } else {
            ticks.addAll(xTicks.subSet(minX, true, maxX, true));
        }
        double lastX = Double.NEGATIVE_INFINITY;
        for (double xv : ticks) {
            double x = sx.map(xv);
            if (x - lastX < MIN_TICK_GAP_PX) {
                continue;
            }
            lastX = x;
            svg.append("<g class=\"x-tick\">").append(line(x, H - BOTTOM, x, H - BOTTOM + 4, "#333", null).trim());
            text(svg, x, H - BOTTOM + 18, "middle", 11, label(xv));
            svg.append("</g>\n");
        }
        text(svg, (LEFT + plotRight) / 2.0, H - 10, "middle", 12, xLabel);
        svg.append(String.format(Locale.ROOT,
                "<text x=\"16\" y=\"%s\" text-anchor=\"middle\" transform=\"rotate(-90 16 %s)\">%s</text>%n",
                fmt(H / 2.0), fmt(H / 2.0), esc(yLabel)));
    }

    /** A point of a series in its shape: circle, square or triangle, so series stay apart in grey print too. */
    private static void point(StringBuilder svg, double x, double y, Style style) {
        String shape = switch (style.pointShape()) {
            case "square" -> String.format(Locale.ROOT, "<rect x=\"%s\" y=\"%s\" width=\"6\" height=\"6\"",
                    fmt(x - 3), fmt(y - 3));
            case "triangle" -> String.format(Locale.ROOT, "<polygon points=\"%s,%s %s,%s %s,%s\"",
                    fmt(x), fmt(y - 4), fmt(x - 4), fmt(y + 3), fmt(x + 4), fmt(y + 3));
            default -> String.format(Locale.ROOT, "<circle cx=\"%s\" cy=\"%s\" r=\"3\"", fmt(x), fmt(y));
        };
        svg.append(shape).append(" class=\"point ").append(style.pointShape()).append("\" fill=\"")
                .append(style.color()).append("\"/>\n");
    }

    /**
     * Lines of at most {@code width} characters, broken after a space where there is one, else after a '_' or '/'
     * (a label's parts), else inside the word, so a long label or note is shown whole.
     */
    static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        String rest = text;
        while (rest.length() > width) {
            int cut = lastBreak(rest, width, " ");
            if (cut < 0) {
                cut = lastBreak(rest, width, "_/");
            }
            if (cut < 0) {
                cut = width;
            }
            lines.add(rest.substring(0, cut).stripTrailing());
            rest = rest.substring(cut);
        }
        lines.add(rest);
        return lines;
    }

    /** The position after the last of {@code chars} in the first {@code width} characters (past half), or -1. */
    private static int lastBreak(String text, int width, String chars) {
        for (int i = width; i > width / 2; i--) {
            if (chars.indexOf(text.charAt(i - 1)) >= 0) {
                return i;
            }
        }
        return -1;
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

    /** Rounds up to 1, 2, 2.5 or 5 times a power of ten so the five y ticks read well (a 220 ms top: 250). */
    static double niceCeiling(double v) {
        double mag = Math.pow(10, Math.floor(Math.log10(v)));
        for (double step : new double[] {1, 2, 2.5, 5, 10}) {
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
