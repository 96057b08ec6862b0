package io.channelshift.starter.web;

import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultMatcher;

/**
 * What a refusal looks like at the HTTP boundary: its status, as {@code application/problem+json},
 * with a title.
 */
public final class ProblemJson {

  private ProblemJson() {}

  public static ResultMatcher problem(int status, String title) {
    List<ResultMatcher> all =
        List.of(
            status().is(status),
            content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON),
            jsonPath("$.status").value(status),
            jsonPath("$.title").value(title));
    return result -> {
      for (ResultMatcher matcher : all) {
        matcher.match(result);
      }
    };
  }

  /** 401: no API key, or one that is not ours. */
  public static ResultMatcher unauthorized() {
    return problem(401, "Unauthorized");
  }

  /** 403: the key lacks the role the call needs. */
  public static ResultMatcher forbidden() {
    return problem(403, "Forbidden");
  }
}
