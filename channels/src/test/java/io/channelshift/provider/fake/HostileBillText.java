package io.channelshift.provider.fake;

import java.util.List;

/**
 * Free text that a CSV split on bare commas misreads: what an order subject, a refund reason or a
 * shop's remark may hold. Every entry can be written in GBK (Alipay's bill).
 */
public final class HostileBillText {

  private HostileBillText() {}

  public static final List<String> ALL =
      List.of(
          "60 gems, bonus",
          "say \"hi\", then leave",
          "\"",
          ",,,",
          "`",
          "`60 gems`, `bonus`",
          "first line\r\nsecond, line",
          "first line\n#not a comment, line two",
          "x\n总交易单数,应结订单总金额",
          "礼包，含60钻石, \"限时\"");

  /** For {@code @MethodSource("io.channelshift.provider.fake.HostileBillText#all")}. */
  public static List<String> all() {
    return ALL;
  }
}
