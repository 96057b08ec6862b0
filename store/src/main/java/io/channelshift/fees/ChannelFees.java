package io.channelshift.fees;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Objects;

/**
 * Every channel's fee schedule, the time zone of its business days (where its statements and
 * settlement days start), and the working days T+n settlement counts. A channel without a schedule
 * is charged nothing and records no fee.
 */
public record ChannelFees(
    Map<String, FeeSchedule> byChannel, Map<String, ZoneId> zones, WorkingDays calendar) {

  public static final ChannelFees NONE = new ChannelFees(Map.of(), Map.of());

  public ChannelFees {
    byChannel = Map.copyOf(byChannel);
    zones = Map.copyOf(zones);
    Objects.requireNonNull(calendar, "calendar");
  }

  /** Settling on Monday to Friday, no holidays. */
  public ChannelFees(Map<String, FeeSchedule> byChannel, Map<String, ZoneId> zones) {
    this(byChannel, zones, WorkingDays.WEEKDAYS);
  }

  /** The channel's schedule, or null when none is configured. */
  public FeeSchedule scheduleOrNull(String channel) {
    return byChannel.get(channel);
  }

  public ZoneId zone(String channel) {
    return zones.getOrDefault(channel, ZoneOffset.UTC);
  }

  /** The day a payment made on the channel's business day {@code paidDay} is expected to settle. */
  public LocalDate settlementDate(FeeSchedule schedule, LocalDate paidDay) {
    return schedule.settlementDate(paidDay, calendar);
  }

  /** The business day of the channel an instant falls on. */
  public LocalDate businessDay(String channel, Instant at) {
    return at.atZone(zone(channel)).toLocalDate();
  }
}
