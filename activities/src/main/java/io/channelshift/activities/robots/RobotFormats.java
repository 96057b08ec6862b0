package io.channelshift.activities.robots;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.channelshift.http.BlockingHttp;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Each provider's request and answer, as their documents give them:
 *
 * <ul>
 *   <li>DingTalk: {@code POST url&timestamp=ms&sign=urlencode(base64(HmacSHA256(key=secret,
 *       data=timestamp+"\n"+secret)))}, body {@code {"msgtype":"markdown","markdown":{"title",
 *       "text"}}}; accepted when {@code errcode} is 0.
 *   <li>WeCom: {@code POST url} (its {@code key} is the secret), body {@code
 *       {"msgtype":"markdown","markdown":{"content"}}} (4096 bytes at most); accepted when {@code
 *       errcode} is 0.
 *   <li>Feishu: {@code POST url}, body {@code {"timestamp":"seconds","sign":base64(HmacSHA256(
 *       key=timestamp+"\n"+secret, data=empty)),"msg_type":"text","content":{"text"}}}; accepted
 *       when {@code code} (older answers: {@code StatusCode}) is 0.
 * </ul>
 *
 * DingTalk and Feishu refuse a timestamp more than an hour from their clock.
 */
final class RobotFormats {

  /** A request ready to send. */
  record Post(String url, String body) {}

  /** What the robot's answer says. */
  sealed interface Verdict {
    record Accepted() implements Verdict {}

    /** Refused: an HTTP error or an error code; the detail is the provider's, cut short. */
    record Refused(String detail) implements Verdict {}
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int WECOM_MAX_BYTES = 4096;

  private RobotFormats() {}

  static Post post(ChatRobot robot, RobotMessage m, Instant now) {
    return switch (robot.kind()) {
      case DINGTALK -> dingTalk(robot, m, now);
      case WECOM -> weCom(robot, m);
      case FEISHU -> feishu(robot, m, now);
    };
  }

  private static Post dingTalk(ChatRobot robot, RobotMessage m, Instant now) {
    StringBuilder text = new StringBuilder("#### ").append(m.title()).append("\n\n");
    m.lines().forEach(line -> text.append("- ").append(line).append("\n"));
    String body =
        json(
            Map.of(
                "msgtype",
                "markdown",
                "markdown",
                Map.of("title", m.title(), "text", text.toString())));
    if (!robot.signs()) {
      return new Post(robot.url(), body);
    }
    String timestamp = Long.toString(now.toEpochMilli());
    String sign = hmacBase64(robot.secret(), timestamp + "\n" + robot.secret());
    String url =
        robot.url()
            + (robot.url().contains("?") ? "&" : "?")
            + "timestamp="
            + timestamp
            + "&sign="
            + URLEncoder.encode(sign, StandardCharsets.UTF_8);
    return new Post(url, body);
  }

  private static Post weCom(ChatRobot robot, RobotMessage m) {
    StringBuilder text = new StringBuilder("**").append(m.title()).append("**\n");
    m.lines().forEach(line -> text.append("> ").append(line).append("\n"));
    String content = cut(text.toString(), WECOM_MAX_BYTES);
    return new Post(
        robot.url(), json(Map.of("msgtype", "markdown", "markdown", Map.of("content", content))));
  }

  private static Post feishu(ChatRobot robot, RobotMessage m, Instant now) {
    String text = m.title() + "\n" + String.join("\n", m.lines());
    Map<String, Object> body = new LinkedHashMap<>();
    if (robot.signs()) {
      String timestamp = Long.toString(now.getEpochSecond());
      body.put("timestamp", timestamp);
      body.put("sign", hmacBase64(timestamp + "\n" + robot.secret(), ""));
    }
    body.put("msg_type", "text");
    body.put("content", Map.of("text", text));
    return new Post(robot.url(), json(body));
  }

  static Verdict verdict(ChatRobot robot, BlockingHttp.Response response) {
    if (response.status() / 100 != 2) {
      return new Verdict.Refused("HTTP " + response.status());
    }
    JsonNode answer;
    try {
      answer = JSON.readTree(response.body());
    } catch (JsonProcessingException e) {
      return new Verdict.Refused("an answer that is not JSON");
    }
    if (answer == null || !answer.isObject()) {
      return new Verdict.Refused("an answer that is not a JSON object");
    }
    JsonNode code =
        robot.kind() == RobotKind.FEISHU
            ? (answer.has("code") ? answer.get("code") : answer.get("StatusCode"))
            : answer.get("errcode");
    if (code == null || !code.canConvertToInt()) {
      return new Verdict.Refused("an answer without its code");
    }
    if (code.asInt() == 0) {
      return new Verdict.Accepted();
    }
    JsonNode message = answer.has("errmsg") ? answer.get("errmsg") : answer.get("msg");
    String detail = message == null ? "" : " " + message.asText();
    return new Verdict.Refused("code " + code.asInt() + cut(detail, 120));
  }

  static String hmacBase64(String key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return Base64.getEncoder().encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  /** At most {@code maxBytes} of UTF-8, cut at a character, never inside one. */
  static String cut(String text, int maxBytes) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    if (bytes.length <= maxBytes) {
      return text;
    }
    int end = maxBytes - 3; // room for "..."
    while (end > 0 && (bytes[end] & 0xC0) == 0x80) {
      end--;
    }
    return new String(bytes, 0, end, StandardCharsets.UTF_8) + "...";
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
