package io.channelshift.app.demo.html;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The chart maps seconds and values to the plot: 960 wide with 70 left and 20 right (870 for 0..10
 * s, so 87 px a second), 200 high with 26 top and 36 bottom (138 for 0..100, so 1.38 px a unit).
 */
class SvgChartTest {

  private final SvgChart chart = new SvgChart("test", 200, 10, 0, 100, Ticks::format);

  @Test
  void secondsAndValuesMapToThePlotAndClampOutsideIt() {
    assertThat(chart.x(0)).isEqualTo(70.0);
    assertThat(chart.x(5)).isEqualTo(505.0);
    assertThat(chart.x(10)).isEqualTo(940.0);
    assertThat(chart.x(-3)).isEqualTo(70.0);
    assertThat(chart.x(99)).isEqualTo(940.0);
    assertThat(chart.y(100)).isEqualTo(26.0);
    assertThat(chart.y(0)).isEqualTo(164.0);
    assertThat(chart.y(50)).isEqualTo(95.0);
    assertThat(chart.y(1e9)).isEqualTo(26.0);
  }

  @Test
  void aStepLineHoldsEachValueUntilTheNextPointAndTheLastUntilTheEnd() {
    chart.stepLine(
        List.of(
            new SvgChart.Point(0, 0.0), new SvgChart.Point(2, 50.0), new SvgChart.Point(4, 100.0)),
        10,
        "weight");

    Element line = Svg.withClass(Svg.parse(chart.render()), "polyline", "weight").get(0);
    assertThat(line.getAttribute("points"))
        .isEqualTo("70.0,164.0 244.0,164.0 244.0,95.0 418.0,95.0 418.0,26.0 940.0,26.0");
  }

  @Test
  void aValueWithoutSamplesBreaksTheLine() {
    chart.line(
        List.of(
            new SvgChart.Point(0, 10.0),
            new SvgChart.Point(1, 20.0),
            new SvgChart.Point(2, null),
            new SvgChart.Point(3, 30.0)),
        "new");

    List<Element> lines = Svg.withClass(Svg.parse(chart.render()), "polyline", "new");
    assertThat(lines)
        .extracting(e -> e.getAttribute("points"))
        .containsExactly("70.0,150.2 157.0,136.4", "331.0,122.6");
  }

  @Test
  void markersAndLimitsSitAtTheirCoordinatesWithTheirLabels() {
    chart.vertical(5, "rollback", "rollback table", "version 7");
    chart.horizontal(90, "limit", "limit 90");
    chart.cross(3, 50, "fail", "FAIL");

    Document svg = Svg.parse(chart.render());
    Element marker = Svg.withClass(svg, "line", "rollback").get(0);
    assertThat(marker.getAttribute("x1")).isEqualTo("505.0");
    assertThat(marker.getAttribute("x2")).isEqualTo("505.0");
    assertThat(marker.getTextContent()).isEqualTo("version 7");
    Element label = Svg.withClass(svg, "text", "rollback").get(0);
    assertThat(label.getTextContent()).isEqualTo("rollback table");
    assertThat(label.getAttribute("transform")).startsWith("translate(508.0,");
    Element limit = Svg.withClass(svg, "line", "limit").get(0);
    assertThat(limit.getAttribute("y1")).isEqualTo(limit.getAttribute("y2")).isEqualTo("39.8");
    assertThat(Svg.withClass(svg, "path", "fail").get(0).getAttribute("d"))
        .isEqualTo("M327.0 91.0L335.0 99.0M327.0 99.0L335.0 91.0");
  }

  @Test
  void labelsOfMarkersCloseTogetherMoveApartToStayReadable() {
    chart.vertical(5, "event", "STEP", "");
    chart.vertical(5.01, "degraded", "nova degraded", "");

    Document svg = Svg.parse(chart.render());
    String first = Svg.withClass(svg, "text", "event").get(0).getAttribute("transform");
    String second = Svg.withClass(svg, "text", "degraded").get(0).getAttribute("transform");
    assertThat(first).startsWith("translate(508.0,");
    assertThat(second).startsWith("translate(519.0,");
  }

  @Test
  void hostileTextIsTextAndTheChartStaysWellFormed() {
    String hostile = "<script>alert('x')</script> & \"quoted\" \u0007";
    chart.vertical(1, "event", hostile, hostile);
    chart.horizontal(10, "limit\" onload=\"alert(1)", hostile);

    String svg = chart.render();
    assertThat(svg).doesNotContain("<script").doesNotContain("onload=\"");
    Document doc = Svg.parse(svg);
    assertThat(Svg.withClass(doc, "text", "event").get(0).getTextContent())
        .isEqualTo("<script>alert('x')</script> & \"quoted\" ?");
    assertThat(doc.getElementsByTagNameNS("*", "script").getLength()).isZero();
  }

  @Test
  void axesHaveRoundTicksInSecondsAndTheUnit() {
    Document svg = Svg.parse(chart.render());
    List<String> ticks =
        Svg.withClass(svg, "text", "tick").stream().map(Element::getTextContent).toList();
    assertThat(ticks)
        .contains("0", "1", "5", "10", "seconds since the drill started", "20", "40", "100");
    assertThat(Arrays.asList(Ticks.step(37, 12), Ticks.step(1, 4), Ticks.ceil(2300)))
        .containsExactly(5.0, 0.5, 2500.0);
  }

  @Test
  void anEmptyRangeIsRefused() {
    assertThatThrownBy(() -> new SvgChart("x", 200, 0, 0, 1, Ticks::format))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SvgChart("x", 200, 10, 1, 1, Ticks::format))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
