package io.channelshift.sandbox;

/** A refusal the sandbox answers with an HTTP status and a provider error code. */
public final class SandboxException extends RuntimeException {

  private final int httpStatus;
  private final String code;

  public SandboxException(int httpStatus, String code, String message) {
    super(message);
    this.httpStatus = httpStatus;
    this.code = code;
  }

  public int httpStatus() {
    return httpStatus;
  }

  public String code() {
    return code;
  }
}
