package io.channelshift.app.demo.html;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;

/**
 * One chart drawn as inline SVG: x in seconds since the drill started, y in the chart's unit. No
 * script and no external reference, so the page reads (and prints) from a file. The styles are
 * classes the page's stylesheet defines ({@link DemoReportHtml#STYLE}).
 */
public final class SvgChart {

  public static final int WIDTH = 960;
  static final int LEFT = 70;
  static final int RIGHT = 20;
  static final int TOP = 26;
  static final int BOTTOM = 36;

  /** A value at a moment; a null value breaks a line (no samples there). */
  public record Point(double seconds, Double value) {}

  private final String title;
  private final int height;
  private final double xMax;
  private final double yMin;
  private final double yMax;
  private final DoubleFunction<String> yLabel;
  private final StringBuilder body = new StringBuilder();
  private final List<Double> labelXs = new ArrayList<>();

  public SvgChart(
      String title,
      int height,
      double xMaxSeconds,
      double yMin,
      double yMax,
      DoubleFunction<String> yLabel) {
    if (!(xMaxSeconds > 0) || !(yMax > yMin)) {
      throw new IllegalArgumentException("empty chart range");
    }
    this.title = title;
    this.height = height;
    this.xMax = xMaxSeconds;
    this.yMin = yMin;
    this.yMax = yMax;
    this.yLabel = yLabel;
  }

  /** The x coordinate of a moment, clamped to the plot. */
  public double x(double seconds) {
    double clamped = Math.max(0, Math.min(xMax, seconds));
    return LEFT + clamped / xMax * plotWidth();
  }

  /** The y coordinate of a value, clamped to the plot. */
  public double y(double value) {
    double clamped = Math.max(yMin, Math.min(yMax, value));
    return TOP + (yMax - clamped) / (yMax - yMin) * plotHeight();
  }

  /** Each point's value holds until the next point, the last one until {@code untilSeconds}. */
  public SvgChart stepLine(List<Point> points, double untilSeconds, String cssClass) {
    List<String> xy = new ArrayList<>();
    for (int i = 0; i < points.size(); i++) {
      Point p = points.get(i);
      double next = i + 1 < points.size() ? points.get(i + 1).seconds() : untilSeconds;
      xy.add(xy(x(p.seconds()), y(p.value())));
      xy.add(xy(x(next), y(p.value())));
    }
    polyline(xy, cssClass);
    return this;
  }

  /** Straight segments between points; a null value ends one segment and the next starts after. */
  public SvgChart line(List<Point> points, String cssClass) {
    List<String> segment = new ArrayList<>();
    for (Point p : points) {
      if (p.value() == null) {
        polyline(segment, cssClass);
        segment = new ArrayList<>();
      } else {
        segment.add(xy(x(p.seconds()), y(p.value())));
      }
    }
    polyline(segment, cssClass);
    return this;
  }

  /** A horizontal line across the plot at a value (a gate's limit), labelled at its right end. */
  public SvgChart horizontal(double value, String cssClass, String label) {
    double y = y(value);
    body.append(
        String.format(
            Locale.ROOT,
            "<line class=\"%s\" x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\"/>%n",
            Html.escape(cssClass),
            n(LEFT),
            n(y),
            n(LEFT + plotWidth()),
            n(y)));
    body.append(
        String.format(
            Locale.ROOT,
            "<text class=\"label %s\" x=\"%s\" y=\"%s\" text-anchor=\"end\">%s</text>%n",
            Html.escape(cssClass),
            n(LEFT + plotWidth() - 2),
            n(y - 3),
            Html.escape(label)));
    return this;
  }

  /**
   * A vertical marker at a moment with its label written downwards from the top; labels closer than
   * a line of text to the previous one move right so that they stay readable.
   */
  public SvgChart vertical(double seconds, String cssClass, String label, String tooltip) {
    double x = x(seconds);
    body.append(
        String.format(
            Locale.ROOT,
            "<line class=\"%s\" x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\"><title>%s</title></line>%n",
            Html.escape(cssClass),
            n(x),
            n(TOP),
            n(x),
            n(TOP + plotHeight()),
            Html.escape(tooltip)));
    if (label != null && !label.isEmpty()) {
      double labelX = x + 3;
      for (double taken : labelXs) {
        if (Math.abs(labelX - taken) < 11) {
          labelX = taken + 11;
        }
      }
      labelXs.add(labelX);
      body.append(
          String.format(
              Locale.ROOT,
              "<text class=\"label %s\" transform=\"translate(%s,%s) rotate(90)\">%s</text>%n",
              Html.escape(cssClass),
              n(labelX),
              n(TOP + 4),
              Html.escape(label)));
    }
    return this;
  }

  /** A point of note (a FAIL verdict), with what it was as a tooltip. */
  public SvgChart cross(double seconds, double value, String cssClass, String tooltip) {
    double x = x(seconds);
    double y = y(value);
    body.append(
        String.format(
            Locale.ROOT,
            "<path class=\"%s\" d=\"M%s %sL%s %sM%s %sL%s %s\"><title>%s</title></path>%n",
            Html.escape(cssClass),
            n(x - 4),
            n(y - 4),
            n(x + 4),
            n(y + 4),
            n(x - 4),
            n(y + 4),
            n(x + 4),
            n(y - 4),
            Html.escape(tooltip)));
    return this;
  }

  /** The chart as one {@code <svg>} element, with its axes and title. */
  public String render() {
    StringBuilder svg = new StringBuilder();
    svg.append(
        String.format(
            Locale.ROOT,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" width=\"%d\" height=\"%d\""
                + " viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s\">%n",
            WIDTH,
            height,
            WIDTH,
            height,
            Html.escape(title)));
    svg.append(
        String.format(
            Locale.ROOT,
            "<text class=\"title\" x=\"%d\" y=\"16\">%s</text>%n",
            LEFT,
            Html.escape(title)));
    axes(svg);
    svg.append(body);
    svg.append("</svg>\n");
    return svg.toString();
  }

  private void axes(StringBuilder svg) {
    double bottom = TOP + plotHeight();
    svg.append(
        String.format(
            Locale.ROOT,
            "<rect class=\"plot\" x=\"%d\" y=\"%d\" width=\"%s\" height=\"%s\"/>%n",
            LEFT,
            TOP,
            n(plotWidth()),
            n(plotHeight())));
    double xStep = Ticks.step(xMax, 12);
    for (int i = 0; i * xStep <= xMax + 1e-9; i++) {
      double s = i * xStep;
      svg.append(
          String.format(
              Locale.ROOT,
              "<line class=\"grid\" x1=\"%1$s\" y1=\"%2$d\" x2=\"%1$s\" y2=\"%3$s\"/>"
                  + "<text class=\"tick\" x=\"%1$s\" y=\"%4$s\" text-anchor=\"middle\">%5$s</text>%n",
              n(x(s)),
              TOP,
              n(bottom),
              n(bottom + 14),
              Ticks.format(s)));
    }
    svg.append(
        String.format(
            Locale.ROOT,
            "<text class=\"tick\" x=\"%s\" y=\"%s\" text-anchor=\"middle\">seconds since the drill"
                + " started</text>%n",
            n(LEFT + plotWidth() / 2),
            n(bottom + 30)));
    double yStep = Ticks.step(yMax - yMin, 5);
    double yFirst = Math.ceil(yMin / yStep) * yStep;
    for (int i = 0; yFirst + i * yStep <= yMax + 1e-9; i++) {
      double v = yFirst + i * yStep;
      svg.append(
          String.format(
              Locale.ROOT,
              "<line class=\"grid\" x1=\"%1$d\" y1=\"%2$s\" x2=\"%3$s\" y2=\"%2$s\"/>"
                  + "<text class=\"tick\" x=\"%4$d\" y=\"%5$s\" text-anchor=\"end\">%6$s</text>%n",
              LEFT,
              n(y(v)),
              n(LEFT + plotWidth()),
              LEFT - 6,
              n(y(v) + 4),
              Html.escape(yLabel.apply(v))));
    }
  }

  private void polyline(List<String> xy, String cssClass) {
    if (xy.isEmpty()) {
      return;
    }
    body.append("<polyline class=\"")
        .append(Html.escape(cssClass))
        .append("\" points=\"")
        .append(String.join(" ", xy))
        .append("\"/>\n");
  }

  private double plotWidth() {
    return WIDTH - LEFT - RIGHT;
  }

  private double plotHeight() {
    return height - TOP - BOTTOM;
  }

  private static String xy(double x, double y) {
    return n(x) + "," + n(y);
  }

  /** Coordinates to a tenth of a pixel, with a dot whatever the machine's locale. */
  static String n(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }
}
