package io.channelshift.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.Yaml;

/**
 * The ops files checked in (ops/prometheus, ops/grafana) as the tests read them, and the metric
 * names their PromQL expressions use.
 */
final class OpsFiles {

  /** Series Prometheus makes itself, not exported by ChannelShift. */
  static final Set<String> MADE_BY_PROMETHEUS = Set.of("up", "ALERTS", "ALERTS_FOR_STATE");

  private static final Set<String> PROMQL_WORDS =
      Set.of(
          "sum",
          "min",
          "max",
          "avg",
          "count",
          "stddev",
          "stdvar",
          "topk",
          "bottomk",
          "quantile",
          "count_values",
          "group",
          "by",
          "without",
          "on",
          "ignoring",
          "group_left",
          "group_right",
          "and",
          "or",
          "unless",
          "bool",
          "offset",
          "inf",
          "nan");

  private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

  private OpsFiles() {}

  static Path root() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isDirectory(dir.resolve("ops/prometheus"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("no ops/prometheus above " + Path.of("").toAbsolutePath());
    }
    return dir;
  }

  static Path alertRules() {
    return root().resolve("ops/prometheus/channelshift-alerts.yml");
  }

  static Path dashboard() {
    return root().resolve("ops/grafana/channelshift-dashboard.json");
  }

  /** Every rule of the rule file, as YAML maps (alert, expr, for, labels, annotations). */
  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> rules() throws IOException {
    try (InputStream in = Files.newInputStream(alertRules())) {
      Map<String, Object> file = new Yaml().load(in);
      List<Map<String, Object>> rules = new ArrayList<>();
      for (Map<String, Object> group : (List<Map<String, Object>>) file.get("groups")) {
        rules.addAll((List<Map<String, Object>>) group.get("rules"));
      }
      return rules;
    }
  }

  static JsonNode dashboardJson() throws IOException {
    return new ObjectMapper().readTree(dashboard().toFile());
  }

  /** Every PromQL expression of the dashboard: panels' targets, variables, annotations. */
  static List<String> dashboardExpressions() throws IOException {
    JsonNode d = dashboardJson();
    List<String> exprs = new ArrayList<>();
    d.findValues("expr").forEach(e -> exprs.add(e.asText()));
    for (JsonNode v : d.path("templating").path("list")) {
      String q = v.path("definition").asText();
      Matcher m = Pattern.compile("label_values\\(([a-zA-Z_:][a-zA-Z0-9_:]*)").matcher(q);
      if (m.find()) {
        exprs.add(m.group(1));
      }
    }
    return exprs;
  }

  static List<String> ruleExpressions() throws IOException {
    return rules().stream().map(r -> String.valueOf(r.get("expr"))).toList();
  }

  /**
   * The metric names an expression selects: identifiers left once strings, label matchers, ranges,
   * grouping clauses, functions (a name followed by "(") and PromQL's own words are taken out.
   */
  static Set<String> metricNames(String expr) {
    String s = expr.replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"");
    s = s.replaceAll("\\{[^}]*}", " ");
    s = s.replaceAll("\\[[^]]*]", " ");
    s = s.replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
    Set<String> names = new TreeSet<>();
    Matcher m = IDENTIFIER.matcher(s);
    while (m.find()) {
      String name = m.group();
      int after = m.end();
      while (after < s.length() && s.charAt(after) == ' ') {
        after++;
      }
      boolean function = after < s.length() && s.charAt(after) == '(';
      boolean number = m.start() > 0 && Character.isDigit(s.charAt(m.start() - 1));
      if (!function && !number && !PROMQL_WORDS.contains(name.toLowerCase())) {
        names.add(name);
      }
    }
    return names;
  }

  /** The metric names of a Prometheus text scrape. */
  static Set<String> exported(String scrape) {
    Set<String> names = new TreeSet<>();
    for (String line : scrape.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      Matcher m = IDENTIFIER.matcher(line);
      if (m.lookingAt()) {
        names.add(m.group());
      }
    }
    return names;
  }
}
