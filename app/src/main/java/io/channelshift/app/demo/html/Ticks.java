package io.channelshift.app.demo.html;

import java.util.Locale;

/** Round steps for an axis: 1, 2 or 5 times a power of ten. */
final class Ticks {

  private Ticks() {}

  /** The smallest round step that divides {@code range} into at most {@code maxTicks} parts. */
  static double step(double range, int maxTicks) {
    double raw = range / maxTicks;
    double power = Math.pow(10, Math.floor(Math.log10(raw)));
    for (double m : new double[] {1, 2, 5, 10}) {
      if (m * power >= raw) {
        return m * power;
      }
    }
    return 10 * power;
  }

  /** The smallest round number at or above {@code value} (for an axis' top). */
  static double ceil(double value) {
    if (value <= 0) {
      return 1;
    }
    double s = step(value, 5);
    return Math.ceil(value / s) * s;
  }

  static String format(double v) {
    if (Math.abs(v - Math.rint(v)) < 1e-9) {
      return Long.toString(Math.round(v));
    }
    return String.format(Locale.ROOT, "%.2f", v).replaceAll("0+$", "");
  }
}
