package io.channelshift.provider.sandbox;

/**
 * The sandbox protocol's headers; the signature itself is {@link
 * io.channelshift.http.HmacSignature}.
 */
final class SandboxHeaders {

  static final String TIMESTAMP = "X-Sandbox-Timestamp";
  static final String NONCE = "X-Sandbox-Nonce";
  static final String SIGNATURE = "X-Sandbox-Signature";
  static final String MERCHANT = "X-Sandbox-Merchant";

  private SandboxHeaders() {}
}
