package io.channelshift.starter.web;

import io.grpc.StatusRuntimeException;
import io.temporal.client.WorkflowServiceException;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns refusals and failures into {@code application/problem+json}; framework errors come out the
 * same way.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

  @ExceptionHandler(ApiProblem.class)
  ResponseEntity<ProblemDetail> apiProblem(ApiProblem e) {
    ProblemDetail body = ProblemDetail.forStatusAndDetail(e.status(), e.getMessage());
    body.setTitle(e.title());
    body.setType(
        URI.create(
            "https://channelshift.dev/problems/" + e.title().toLowerCase().replace(' ', '-')));
    if (!e.errors().isEmpty()) {
      body.setProperty("errors", e.errors());
    }
    return problem(e.status(), body);
  }

  /** Temporal or PostgreSQL did not answer: the request may be sent again as it is. */
  @ExceptionHandler({
    WorkflowServiceException.class,
    StatusRuntimeException.class,
    DataAccessException.class
  })
  ResponseEntity<ProblemDetail> dependencyUnavailable(Exception e) {
    log.warn("a dependency failed: {}", e.toString());
    ProblemDetail body =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.SERVICE_UNAVAILABLE,
            "the request could not be completed; it is safe to retry it with the same ids");
    body.setTitle("Service unavailable");
    return problem(HttpStatus.SERVICE_UNAVAILABLE, body);
  }

  /** The security firewall refused something read late, such as a form parameter's name. */
  @ExceptionHandler(RequestRejectedException.class)
  ResponseEntity<ProblemDetail> rejected(RequestRejectedException e) {
    ProblemDetail body =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.BAD_REQUEST, "the request holds names or characters that are not allowed");
    body.setTitle("Bad Request");
    return problem(HttpStatus.BAD_REQUEST, body);
  }

  /** A bug of ours: said as such, without details that would leak internals. */
  @ExceptionHandler(Exception.class)
  ResponseEntity<ProblemDetail> unexpected(Exception e) {
    log.error("unexpected failure", e);
    ProblemDetail body =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.INTERNAL_SERVER_ERROR,
            "the request failed unexpectedly; it is safe to retry it with the same ids");
    body.setTitle("Internal error");
    return problem(HttpStatus.INTERNAL_SERVER_ERROR, body);
  }

  static ResponseEntity<ProblemDetail> problem(HttpStatus status, ProblemDetail body) {
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
  }

  /**
   * A body past the limit, met while a handler reads it itself (a provider's notification, read
   * raw).
   */
  @ExceptionHandler(BodySizeLimitFilter.BodyTooLargeException.class)
  ResponseEntity<ProblemDetail> tooLarge(BodySizeLimitFilter.BodyTooLargeException e) {
    ProblemDetail body =
        ProblemDetail.forStatusAndDetail(HttpStatus.PAYLOAD_TOO_LARGE, e.getMessage());
    body.setTitle("Body too large");
    return problem(HttpStatus.PAYLOAD_TOO_LARGE, body);
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException ex,
      org.springframework.http.HttpHeaders headers,
      org.springframework.http.HttpStatusCode status,
      org.springframework.web.context.request.WebRequest request) {
    for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
      if (cause instanceof BodySizeLimitFilter.BodyTooLargeException tooLarge) {
        ResponseEntity<ProblemDetail> answer = tooLarge(tooLarge);
        return ResponseEntity.status(answer.getStatusCode())
            .headers(answer.getHeaders())
            .body(answer.getBody());
      }
    }
    ProblemDetail body =
        ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "the body is not valid JSON");
    body.setTitle("Malformed body");
    return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
  }
}
