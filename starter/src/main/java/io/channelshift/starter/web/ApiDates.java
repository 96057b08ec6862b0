package io.channelshift.starter.web;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.springframework.http.HttpStatus;

/**
 * A day named in a request ({@code yyyy-MM-dd}), between {@link #EARLIEST} and {@link #LATEST}: a
 * payment, a statement or a fee of this system is never outside them, and a year such as −200000 or
 * +10000 would otherwise reach date arithmetic and PostgreSQL (and answer 500 or 503) or start a
 * reconciliation nobody can use.
 */
public final class ApiDates {

  public static final LocalDate EARLIEST = LocalDate.of(2000, 1, 1);
  public static final LocalDate LATEST = LocalDate.of(2100, 12, 31);

  private ApiDates() {}

  /** The day, or a 400 naming the parameter when it is malformed or out of range. */
  public static LocalDate day(String name, String value) {
    LocalDate day;
    try {
      // ISO_LOCAL_DATE would take a signed year of up to nine digits; a day of ours has four.
      if (value == null || !value.matches("\\d{4}-\\d{2}-\\d{2}")) {
        throw new DateTimeParseException("not yyyy-MM-dd", String.valueOf(value), 0);
      }
      day = LocalDate.parse(value, DateTimeFormatter.ISO_LOCAL_DATE);
    } catch (DateTimeParseException e) {
      throw new ApiProblem(HttpStatus.BAD_REQUEST, "Invalid date", name + " must be yyyy-MM-dd");
    }
    if (day.isBefore(EARLIEST) || day.isAfter(LATEST)) {
      throw new ApiProblem(
          HttpStatus.BAD_REQUEST,
          "Invalid date",
          name + " must be between " + EARLIEST + " and " + LATEST);
    }
    return day;
  }
}
