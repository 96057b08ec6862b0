package io.channelshift.app.demo.html;

/** What each line and mark of the charts means, drawn with the charts' own classes. */
final class Legend {

  private Legend() {}

  static final String HTML =
      "<p class=\"legend\">"
          + item("<line class=\"weight\" x1=\"0\" y1=\"7\" x2=\"28\" y2=\"7\"/>", "nova's weight")
          + item("<line class=\"new\" x1=\"0\" y1=\"7\" x2=\"28\" y2=\"7\"/>", "new channel (nova)")
          + item(
              "<line class=\"old\" x1=\"0\" y1=\"7\" x2=\"28\" y2=\"7\"/>", "old channel (legacy)")
          + item("<line class=\"limit\" x1=\"0\" y1=\"7\" x2=\"28\" y2=\"7\"/>", "gate's limit")
          + item("<path class=\"fail\" d=\"M10 3L18 11M10 11L18 3\"/>", "FAIL verdict")
          + item(
              "<line class=\"degraded\" x1=\"14\" y1=\"0\" x2=\"14\" y2=\"14\"/>", "nova degraded")
          + item(
              "<line class=\"rollback\" x1=\"14\" y1=\"0\" x2=\"14\" y2=\"14\"/>",
              "rollback's routing table written")
          + item(
              "<line class=\"event\" x1=\"14\" y1=\"0\" x2=\"14\" y2=\"14\"/>",
              "migration timeline event")
          + "</p>\n";

  static final String OUTAGE =
      "<p class=\"legend\">"
          + item("<line class=\"old\" x1=\"0\" y1=\"7\" x2=\"28\" y2=\"7\"/>", "on legacy")
          + item("<line class=\"new\" x1=\"0\" y1=\"7\" x2=\"28\" y2=\"7\"/>", "on nova")
          + item("<line class=\"degraded\" x1=\"14\" y1=\"0\" x2=\"14\" y2=\"14\"/>", "legacy down")
          + item(
              "<line class=\"rollback\" x1=\"14\" y1=\"0\" x2=\"14\" y2=\"14\"/>",
              "failover table written")
          + item(
              "<line class=\"recovered\" x1=\"14\" y1=\"0\" x2=\"14\" y2=\"14\"/>",
              "legacy back, failback table written")
          + item(
              "<line class=\"event\" x1=\"14\" y1=\"0\" x2=\"14\" y2=\"14\"/>",
              "scope health event")
          + "</p>\n";

  private static String item(String shape, String text) {
    return "<span><svg class=\"swatch\" width=\"28\" height=\"14\">"
        + shape
        + "</svg> "
        + Html.escape(text)
        + "</span>";
  }
}
