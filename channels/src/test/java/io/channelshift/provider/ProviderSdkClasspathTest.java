package io.channelshift.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * What the payment SDKs bring is trimmed in the poms (the enforcer bans the rest); this pins what
 * the adapters then run with, so that a dependency change that brings an old library back fails
 * here too.
 */
class ProviderSdkClasspathTest {

  @Test
  void bouncyCastleIsTheMaintainedJdk18onLine() throws ClassNotFoundException {
    assertThat(jarOf("org.bouncycastle.jce.provider.BouncyCastleProvider"))
        .contains("bcprov-jdk18on");
  }

  @Test
  void neitherDom4jNorFastjsonIsThereAtAll() {
    ClassLoader loader = getClass().getClassLoader();
    assertThatThrownBy(() -> Class.forName("org.dom4j.io.SAXReader", false, loader))
        .isInstanceOf(ClassNotFoundException.class);
    assertThatThrownBy(() -> Class.forName("com.alibaba.fastjson.JSON", false, loader))
        .isInstanceOf(ClassNotFoundException.class);
  }

  @Test
  void theCommonsLoggingApiIsTheMaintainedLine() throws ClassNotFoundException {
    assertThat(jarOf("org.apache.commons.logging.LogFactory")).contains("commons-logging-1.3");
  }

  private static String jarOf(String className) throws ClassNotFoundException {
    return Class.forName(className).getProtectionDomain().getCodeSource().getLocation().getPath();
  }
}
