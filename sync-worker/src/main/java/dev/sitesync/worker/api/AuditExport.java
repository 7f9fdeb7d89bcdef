package dev.sitesync.worker.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import io.vertx.mutiny.core.buffer.Buffer;

import dev.sitesync.worker.store.AuditEntries.View;

/**
 * Audit entries as files: JSON lines carry every value exactly (JSON escaping); CSV is for spreadsheets, quoted as RFC
 * 4180 says, and a text cell a spreadsheet would run as a formula (starting with =, +, -, @, a tab or a carriage
 * return) is prefixed with an apostrophe, as OWASP recommends. Written a page at a time.
 */
final class AuditExport {

    static final String CSV = "text/csv";
    /** JSON lines; the framework ends each item it streams with a newline, so a page's lines are joined by one. */
    static final String JSON_LINES = "application/x-ndjson";

    private static final String[] HEADER = {"id", "partition", "logged_at", "at", "external_id", "source_site",
            "target_site", "doctype", "local_name", "version", "payload_hash", "status", "attempt", "detail", "trace_id",
            "prev_hash", "row_hash"};

    private final ObjectWriter csv = new CsvMapper().writerFor(String[].class).with(CsvSchema.emptySchema());
    private final ObjectWriter json;

    AuditExport(ObjectMapper json) {
        // every key on every line, null or not, so each line reads the same
        this.json = json.copy().setSerializationInclusion(JsonInclude.Include.ALWAYS).writerFor(View.class);
    }

    Buffer csvHeader() {
        return csvRow(HEADER);
    }

    Buffer csv(List<View> page) {
        Buffer buffer = Buffer.buffer(page.size() * 400);
        page.forEach(view -> buffer.appendBuffer(csvRow(new String[]{String.valueOf(view.id()), view.partition(),
                text(view.loggedAt()), text(view.at()), text(view.externalId()), cell(view.sourceSite()),
                cell(view.targetSite()), cell(view.doctype()), cell(view.localName()), cell(view.version()),
                cell(view.payloadHash()), cell(view.status()), String.valueOf(view.attempt()), cell(view.detail()),
                cell(view.traceId()), view.prevHash(), view.rowHash()})));
        return buffer;
    }

    /** The page's lines, the last without its newline: the framework adds it after each item. */
    Buffer jsonLines(List<View> page) {
        Buffer buffer = Buffer.buffer(page.size() * 600);
        try {
            for (View view : page) {
                if (buffer.length() > 0) {
                    buffer.appendString("\n");
                }
                buffer.appendBytes(json.writeValueAsBytes(view));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer;
    }

    private Buffer csvRow(String[] cells) {
        try {
            return Buffer.buffer(csv.writeValueAsBytes(cells));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A text cell a spreadsheet shows as text, never runs. */
    static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return ""; // an empty cell: the CSV writer would leave a null out, shifting the columns after it
        }
        char first = value.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + value
                : value;
    }

    private static String text(Object value) {
        return Objects.toString(value, "");
    }
}
