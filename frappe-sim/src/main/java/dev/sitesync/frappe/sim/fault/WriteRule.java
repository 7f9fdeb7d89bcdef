package dev.sitesync.frappe.sim.fault;

import java.time.Duration;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import dev.sitesync.frappe.sim.engine.WriteAnswer;
import dev.sitesync.frappe.sim.engine.WriteFault;
import dev.sitesync.frappe.sim.engine.WriteKind;

/**
 * Which writes meet a fault and what it does to them: writes of {@code doctype} (any when absent) by
 * {@code operation} ({@code insert}, {@code update} or {@code delete}, or the HTTP method asking for it; any when
 * absent), the next {@code times} of them (all when absent), each with probability {@code rate}. Each chosen write holds its transaction open
 * {@code hold_commit_ms} after its {@code modified} was set, commits, and then is {@code answered}, {@code dropped}
 * (the connection closes without an answer) or answered {@code late}, {@code answer_delay_ms} after the commit. With
 * {@code error_status} (500 or 503) it fails instead, before its commit: nothing of it is written.
 * {@code left} is read only: how many writes the rule may still choose (absent when unlimited).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WriteRule(@JsonProperty("doctype") String doctype, @JsonProperty("operation") String operation,
        @JsonProperty("times") Integer times, @JsonProperty("rate") Double rate,
        @JsonProperty("hold_commit_ms") long holdCommitMs, @JsonProperty("answer") String answer,
        @JsonProperty("answer_delay_ms") long answerDelayMs, @JsonProperty("error_status") Integer errorStatus,
        @JsonProperty("left") Integer left) {

    public WriteRule {
        if (operation != null && kind(operation) == null) {
            throw new IllegalArgumentException("operation is insert, update or delete (or POST, PUT, PATCH, DELETE)");
        }
        if (times != null && times < 1) {
            throw new IllegalArgumentException("times is 1 or more (leave it out for every matching write)");
        }
        if (rate != null && (rate <= 0 || rate > 1)) {
            throw new IllegalArgumentException("rate is more than 0 and at most 1");
        }
        if (holdCommitMs < 0 || answerDelayMs < 0) {
            throw new IllegalArgumentException("hold_commit_ms and answer_delay_ms are 0 or more");
        }
        WriteAnswer fate = answer(answer);
        if (fate == null) {
            throw new IllegalArgumentException("answer is answered, dropped or late");
        }
        if (fate == WriteAnswer.LATE && answerDelayMs == 0) {
            throw new IllegalArgumentException("a late answer needs answer_delay_ms");
        }
        if (errorStatus != null && (errorStatus != 500 && errorStatus != 503 || holdCommitMs > 0
                || fate != WriteAnswer.ANSWERED)) {
            throw new IllegalArgumentException("error_status is 500 or 503, and a write that fails has no commit to "
                    + "hold or answer to withhold");
        }
        if (fate == WriteAnswer.ANSWERED && holdCommitMs == 0 && errorStatus == null) {
            throw new IllegalArgumentException("the rule does nothing: give hold_commit_ms, an answer that is "
                    + "dropped or late, or error_status");
        }
    }

    boolean matches(String writtenDoctype, WriteKind kind) {
        return (doctype == null || doctype.equals(writtenDoctype))
                && (operation == null || kind(operation) == kind);
    }

    WriteFault fault() {
        return new WriteFault(Duration.ofMillis(holdCommitMs), answer(answer), Duration.ofMillis(answerDelayMs),
                errorStatus == null ? 0 : errorStatus);
    }

    double chance() {
        return rate == null ? 1 : rate;
    }

    WriteRule withLeft(Integer remaining) {
        return new WriteRule(doctype, operation, times, rate, holdCommitMs, answer, answerDelayMs, errorStatus,
                remaining);
    }

    /** The operation by its name, or by the HTTP method that asks for it ({@code POST}, {@code PUT}/{@code PATCH}). */
    private static WriteKind kind(String operation) {
        return switch (operation.toLowerCase(Locale.ROOT)) {
            case "insert", "post" -> WriteKind.INSERT;
            case "update", "put", "patch" -> WriteKind.UPDATE;
            case "delete" -> WriteKind.DELETE;
            default -> null;
        };
    }

    private static WriteAnswer answer(String answer) {
        if (answer == null) {
            return WriteAnswer.ANSWERED;
        }
        for (WriteAnswer fate : WriteAnswer.values()) {
            if (fate.name().equalsIgnoreCase(answer)) {
                return fate;
            }
        }
        return null;
    }
}
