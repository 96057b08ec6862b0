package io.channelshift.starter.web;

import java.util.List;
import org.springframework.http.HttpStatus;

/**
 * A request the API refuses, answered as {@code application/problem+json} with the problems listed.
 * Thrown before anything is started or written.
 */
public final class ApiProblem extends RuntimeException {

  private final HttpStatus status;
  private final String title;
  private final List<FieldProblem> errors;

  public ApiProblem(HttpStatus status, String title, String detail, List<FieldProblem> errors) {
    super(detail);
    this.status = status;
    this.title = title;
    this.errors = List.copyOf(errors);
  }

  public ApiProblem(HttpStatus status, String title, String detail) {
    this(status, title, detail, List.of());
  }

  public HttpStatus status() {
    return status;
  }

  public String title() {
    return title;
  }

  public List<FieldProblem> errors() {
    return errors;
  }

  /** One field and what is wrong with it. */
  public record FieldProblem(String field, String problem) {}
}
