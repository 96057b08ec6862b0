package io.channelshift.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.channelshift.reconciliation.StatementLine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bill reader on its own: where a bill ends, and what it refuses to read. */
class CsvBillTest {

  private static final LocalDate DAY = LocalDate.of(2026, 3, 1);
  private static final CsvBill.Layout HASH_COMMENTS =
      new CsvBill.Layout(StandardCharsets.UTF_8, true, "", first -> false);
  private static final CsvBill.Layout BACKQUOTED_WITH_SUMMARY =
      new CsvBill.Layout(StandardCharsets.UTF_8, false, "`", first -> first.startsWith("总交易单数"));

  /** Each row a payment of order {@code id} for {@code amount} minor units. */
  private static StatementLine line(CsvBill.Row row) {
    return new StatementLine(
        row.lineNo(),
        StatementLine.Kind.PAYMENT,
        "t-" + row.get("id"),
        row.get("id"),
        null,
        Long.parseLong(row.get("amount")),
        "CNY",
        null,
        Instant.EPOCH);
  }

  private static CsvBill bill(String text, CsvBill.Layout layout) throws IOException {
    Path file = Files.createTempFile("csv-bill-test-", ".csv");
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return new CsvBill(file, layout, DAY, 0, CsvBillTest::line);
  }

  @Test
  void aCommentAfterTheHeaderEndsTheDetailListAndAHashInsideQuotesIsNoComment() throws IOException {
    try (CsvBill bill =
        bill(
            "#banner\r\nid,note,amount\r\no-1,\"a\r\n#not a comment, still o-1\",100\r\n"
                + "#end of the list\r\no-9,after the end,1\r\n",
            HASH_COMMENTS)) {
      assertThat(bill.next(10)).extracting(StatementLine::orderId).containsExactly("o-1");
    }
  }

  @Test
  void theSummaryBlockEndsTheDetailListButNotWhenItsNameIsInsideAQuotedField() throws IOException {
    try (CsvBill bill =
        bill(
            "id,note,amount\n`o-1,\"`x\n总交易单数,1\",`100\n`o-2,`,`200\n总交易单数,总金额\n`2,`300\n",
            BACKQUOTED_WITH_SUMMARY)) {
      assertThat(bill.next(10))
          .extracting(StatementLine::orderId, StatementLine::amountMinor)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("o-1", 100L),
              org.assertj.core.groups.Tuple.tuple("o-2", 200L));
    }
  }

  @Test
  void aQuoteNeverClosedStopsTheRunInsteadOfSwallowingTheDay() throws IOException {
    try (CsvBill bill =
        bill("id,note,amount\no-1,\"never closed,100\no-2,fine,200\n", HASH_COMMENTS)) {
      assertThatThrownBy(() -> bill.next(10))
          .isInstanceOf(ProviderException.class)
          .hasMessageContaining("line 1 cannot be read")
          .satisfies(
              e -> assertThat(((ProviderException) e).type()).isEqualTo(ProviderErrorType.REFUSED));
    }
  }

  @Test
  void textAfterAClosingQuoteStopsTheRun() throws IOException {
    try (CsvBill bill =
        bill("id,note,amount\no-1,ok,100\no-2,\"half\"quoted,200\n", HASH_COMMENTS)) {
      assertThatThrownBy(() -> bill.next(10))
          .isInstanceOf(ProviderException.class)
          .hasMessageContaining("line 2 cannot be read");
    }
  }

  @Test
  void anUnquotedCommaThatMovesTheColumnsIsRefusedNotReadAColumnOff() throws IOException {
    // "x,7" unquoted: the amount column would read 7 where the bill meant 100.
    try (CsvBill bill = bill("id,note,amount\no-1,x,7,100\n", HASH_COMMENTS)) {
      assertThatThrownBy(() -> bill.next(10))
          .isInstanceOf(ProviderException.class)
          .hasMessageContaining("line 1 cannot be read: 4 fields under a header of 3");
    }
    try (CsvBill bill =
        bill("id,note,amount\no-1,x,100,\n", HASH_COMMENTS)) { // a trailing empty field is fine
      assertThat(bill.next(10)).extracting(StatementLine::amountMinor).containsExactly(100L);
    }
  }

  @Test
  void aRecordLongerThanTheLimitStopsTheRunBeforeItIsHeldInMemory() throws IOException {
    String huge = "x".repeat(CsvBill.MAX_RECORD_CHARS + 200_000);
    try (CsvBill bill = bill("id,note,amount\no-1,\"" + huge + "\",100\n", HASH_COMMENTS)) {
      assertThatThrownBy(() -> bill.next(10))
          .isInstanceOf(ProviderException.class)
          .hasMessageContaining("longer than");
    }
  }

  @Test
  void pagesFollowEachOtherAndTheFileIsDeletedOnClose() throws IOException {
    Path file = Files.createTempFile("csv-bill-test-", ".csv");
    Files.writeString(file, "id,amount\no-1,1\no-2,2\no-3,3\n");
    CsvBill bill = new CsvBill(file, HASH_COMMENTS, DAY, 1, CsvBillTest::line);
    List<StatementLine> first = bill.next(1);
    List<StatementLine> second = bill.next(5);
    bill.close();
    assertThat(first).extracting(StatementLine::lineNo).containsExactly(2L);
    assertThat(second).extracting(StatementLine::lineNo).containsExactly(3L);
    assertThat(file).doesNotExist();
  }
}
