package io.channelshift.activities.robots;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * DingTalk, WeCom and Feishu robots on loopback, checking each request as the providers document it
 * — the signature recomputed from the secret, a timestamp more than an hour from now refused, the
 * key or token in the URL, the message's shape — and answering as they do: HTTP 200 with an error
 * code. What each took is kept for the test to read. The signing code here is written apart from
 * {@link RobotFormats} on purpose: it is the check, not a copy.
 */
public final class FakeRobots implements AutoCloseable {

  public static final String DINGTALK_TOKEN = "dt-access-token-0001";
  public static final String DINGTALK_SECRET = "SECdingtalk-secret-for-tests-0001";
  public static final String WECOM_KEY = "693a91f6-7aaa-4bc4-97a0-0ec2sifa5aaa";
  public static final String FEISHU_TOKEN = "5e3d587e-d78e-4a07-bd07-265f269f86fd";
  public static final String FEISHU_SECRET = "feishu-secret-for-tests-0001";

  /** One message a robot took: its kind and the text people would read. */
  public record Taken(RobotKind kind, String text) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WINDOW = Duration.ofHours(1);

  private final HttpServer server;
  private final Clock clock = Clock.systemUTC();
  private final List<Taken> taken = new CopyOnWriteArrayList<>();
  private final Map<RobotKind, AtomicInteger> refused = new LinkedHashMap<>();

  /** Requests still to answer with an error code though they are good (a robot's bad minute). */
  private final AtomicInteger failNext = new AtomicInteger();

  private volatile int httpStatus = 200;

  public FakeRobots() throws IOException {
    for (RobotKind kind : RobotKind.values()) {
      refused.put(kind, new AtomicInteger());
    }
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/robot/send", this::dingTalk);
    server.createContext("/cgi-bin/webhook/send", this::weCom);
    server.createContext("/open-apis/bot/v2/hook/", this::feishu);
    server.start();
  }

  public String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  public String dingTalkUrl() {
    return base() + "/robot/send?access_token=" + DINGTALK_TOKEN;
  }

  public String weComUrl(String key) {
    return base() + "/cgi-bin/webhook/send?key=" + key;
  }

  public String feishuUrl() {
    return base() + "/open-apis/bot/v2/hook/" + FEISHU_TOKEN;
  }

  public List<Taken> taken() {
    return List.copyOf(taken);
  }

  public List<Taken> taken(RobotKind kind) {
    return taken.stream().filter(t -> t.kind() == kind).toList();
  }

  public int refused(RobotKind kind) {
    return refused.get(kind).get();
  }

  /** The next {@code n} good requests get an error code (errcode / code 9499) anyway. */
  public void failNext(int n) {
    failNext.set(n);
  }

  /** Every answer from now on has this HTTP status (500: the robot's server is broken). */
  public void answerHttp(int status) {
    httpStatus = status;
  }

  private void dingTalk(HttpExchange exchange) throws IOException {
    Map<String, String> query = query(exchange);
    JsonNode body = body(exchange);
    String ts = query.getOrDefault("timestamp", "");
    String error = null;
    if (!DINGTALK_TOKEN.equals(query.get("access_token"))) {
      error = "token is not exist";
    } else if (!fresh(ts, true)) {
      error = "invalid timestamp";
    } else if (!same(
        hmac(DINGTALK_SECRET, ts + "\n" + DINGTALK_SECRET), query.getOrDefault("sign", ""))) {
      error = "sign not match";
    } else if (!"markdown".equals(body.path("msgtype").asText())
        || body.path("markdown").path("title").asText().isEmpty()
        || body.path("markdown").path("text").asText().isEmpty()) {
      error = "param error";
    }
    answer(
        exchange,
        RobotKind.DINGTALK,
        error,
        body.path("markdown").path("text").asText(),
        "errcode",
        "errmsg");
  }

  private void weCom(HttpExchange exchange) throws IOException {
    Map<String, String> query = query(exchange);
    JsonNode body = body(exchange);
    String content = body.path("markdown").path("content").asText();
    String error = null;
    if (!WECOM_KEY.equals(query.get("key"))) {
      error = "invalid webhook url";
    } else if (!"markdown".equals(body.path("msgtype").asText()) || content.isEmpty()) {
      error = "invalid message";
    } else if (content.getBytes(StandardCharsets.UTF_8).length > 4096) {
      error = "content exceed max length";
    }
    answer(exchange, RobotKind.WECOM, error, content, "errcode", "errmsg");
  }

  private void feishu(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    JsonNode body = body(exchange);
    String ts = body.path("timestamp").asText();
    String error = null;
    if (!path.equals("/open-apis/bot/v2/hook/" + FEISHU_TOKEN)) {
      error = "token invalid";
    } else if (!fresh(ts, false)
        || !same(hmac(ts + "\n" + FEISHU_SECRET, ""), body.path("sign").asText())) {
      error = "sign match fail or timestamp is not within one hour from current time";
    } else if (!"text".equals(body.path("msg_type").asText())
        || body.path("content").path("text").asText().isEmpty()) {
      error = "params error";
    }
    answer(
        exchange,
        RobotKind.FEISHU,
        error,
        body.path("content").path("text").asText(),
        "code",
        "msg");
  }

  private void answer(
      HttpExchange exchange,
      RobotKind kind,
      String error,
      String text,
      String codeField,
      String messageField)
      throws IOException {
    Map<String, Object> answer = new LinkedHashMap<>();
    if (error == null && failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      error = "system busy";
      answer.put(codeField, 9499);
    } else if (error != null) {
      answer.put(codeField, kind == RobotKind.FEISHU ? 19021 : 310000);
    } else {
      answer.put(codeField, 0);
    }
    answer.put(messageField, error == null ? "ok" : error);
    int status = httpStatus;
    if (error == null && status == 200) {
      taken.add(new Taken(kind, text));
    } else {
      refused.get(kind).incrementAndGet();
    }
    byte[] bytes = JSON.writeValueAsBytes(answer);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private boolean fresh(String timestamp, boolean millis) {
    try {
      long ms = millis ? Long.parseLong(timestamp) : Long.parseLong(timestamp) * 1000;
      return Math.abs(clock.millis() - ms) <= WINDOW.toMillis();
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static boolean same(String expected, String given) {
    return MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
  }

  private static String hmac(String key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return Base64.getEncoder().encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, String> query(HttpExchange exchange) {
    Map<String, String> query = new LinkedHashMap<>();
    String raw = exchange.getRequestURI().getRawQuery();
    if (raw == null) {
      return query;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        query.put(
            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return query;
  }

  private static JsonNode body(HttpExchange exchange) throws IOException {
    byte[] bytes = exchange.getRequestBody().readAllBytes();
    try {
      JsonNode node = JSON.readTree(bytes);
      return node == null ? JSON.createObjectNode() : node;
    } catch (IOException e) {
      return JSON.createObjectNode();
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
