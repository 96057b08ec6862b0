package io.channelshift.app.demo.html;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Test helper: the SVG charts of a page, each parsed as XML (a chart that is not XML fails). */
final class Svg {

  private static final Pattern SVG = Pattern.compile("<svg xmlns.*?</svg>", Pattern.DOTALL);

  private Svg() {}

  static Document parse(String svg) {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setNamespaceAware(true);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      return f.newDocumentBuilder()
          .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new AssertionError("not well-formed SVG: " + e.getMessage() + "\n" + svg, e);
    }
  }

  static List<Document> charts(String page) {
    List<Document> charts = new ArrayList<>();
    Matcher m = SVG.matcher(page);
    while (m.find()) {
      charts.add(parse(m.group()));
    }
    return charts;
  }

  static List<Element> withClass(Document svg, String tag, String cssClass) {
    List<Element> found = new ArrayList<>();
    NodeList nodes = svg.getElementsByTagNameNS("*", tag);
    for (int i = 0; i < nodes.getLength(); i++) {
      Element e = (Element) nodes.item(i);
      if (List.of(e.getAttribute("class").split(" ")).contains(cssClass)) {
        found.add(e);
      }
    }
    return found;
  }

  static String title(Document svg) {
    return svg.getDocumentElement().getAttribute("aria-label");
  }
}
