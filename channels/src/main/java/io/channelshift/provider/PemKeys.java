package io.channelshift.provider;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * RSA keys as operators paste them: PEM with its armour lines, or the bare Base64 that Alipay's key
 * tool prints. The error names which setting is wrong, never the key.
 */
public final class PemKeys {

  private PemKeys() {}

  /** The Base64 body of a PEM key (armour lines and whitespace removed). */
  public static String base64Body(String pem) {
    return pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
  }

  public static PrivateKey privateKey(String setting, String pem) {
    try {
      return KeyFactory.getInstance("RSA")
          .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64Body(pem))));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalArgumentException(
          setting + " is not an RSA private key in PKCS#8 (PEM or Base64)");
    }
  }

  public static PublicKey publicKey(String setting, String pem) {
    try {
      return KeyFactory.getInstance("RSA")
          .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64Body(pem))));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalArgumentException(
          setting + " is not an RSA public key in X.509 (PEM or Base64)");
    }
  }
}
