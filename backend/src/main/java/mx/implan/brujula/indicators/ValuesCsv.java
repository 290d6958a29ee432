package mx.implan.brujula.indicators;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;

/**
 * Indicator values as RFC 4180 CSV in UTF-8: comma separated, CRLF line ends, fields quoted only
 * when they hold a comma, a quote or a line break, one header row. Numbers use a decimal point.
 */
final class ValuesCsv {

    static final List<String> HEADER = List.of("indicator_code", "zone_id", "zone_name", "level", "period_type",
            "period_start", "period_end", "dimension", "numerator", "denominator", "value", "semaphore", "origin", "source");

    private ValuesCsv() {
    }

    static void write(Indicator indicator, Iterator<IndicatorValues.Value> values, IndicatorDocuments documents, OutputStream out) {
        try {
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            CSVPrinter csv = new CSVPrinter(writer, CSVFormat.RFC4180.builder().setHeader(HEADER.toArray(String[]::new)).get());
            while (values.hasNext()) {
                IndicatorValues.Value v = values.next();
                csv.printRecord(indicator.code(), v.zoneId(), v.zoneName(), v.level(), v.periodType().name(),
                        v.periodStart(), v.periodType().end(v.periodStart()), v.dimension(), number(v.numerator()),
                        number(v.denominator()), number(v.value()), documents.semaphore(v, indicator), v.origin(),
                        v.source() != null ? v.source() : indicator.source());
            }
            csv.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String number(BigDecimal n) {
        return n == null ? "" : IndicatorDocuments.plain(n).toPlainString();
    }
}
