package dev.sitesync.guard.domain;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One fact a rule established about an order, with the evidence that shows it.
 *
 * @param message what was found, for the people who run the guard (it may name costs, stock and thresholds)
 * @param advice what the caller who placed the order is told: what to change, without the site's costs, stock levels
 *        or the guard's thresholds; the message when that discloses nothing
 * @param mode whether the rule that found it was enforced or ran in shadow (recorded, never deciding)
 * @param waived true for a review finding set aside because the customer is allow-listed
 */
public record Finding(String rule, Sentiment sentiment, Severity severity, String message, String advice,
        Map<String, Object> evidence, Mode mode, boolean waived) {

    public Finding {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(sentiment, "sentiment");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
        advice = advice == null ? message : advice;
        evidence = evidence == null ? Map.of() : evidence;
    }

    public static Finding raises(String rule, Severity severity, String message, Map<String, Object> evidence) {
        return new Finding(rule, Sentiment.RAISES_RISK, severity, message, message, evidence, Mode.ENFORCE, false);
    }

    public static Finding lowers(String rule, String message, Map<String, Object> evidence) {
        return new Finding(rule, Sentiment.LOWERS_RISK, Severity.INFO, message, message, evidence, Mode.ENFORCE, false);
    }

    public static Finding neutral(String rule, String message, Map<String, Object> evidence) {
        return new Finding(rule, Sentiment.NEUTRAL, Severity.INFO, message, message, evidence, Mode.ENFORCE, false);
    }

    /** The same finding, telling the caller this instead of the message. */
    public Finding advising(String newAdvice) {
        return new Finding(rule, sentiment, severity, message, newAdvice, evidence, mode, waived);
    }

    /** The same finding about a document, its message and evidence naming it first. */
    public Finding about(String subject, Map<String, Object> subjectEvidence) {
        Map<String, Object> all = new LinkedHashMap<>(subjectEvidence);
        all.putAll(evidence);
        return new Finding(rule, sentiment, severity, subject + ": " + message, subject + ": " + advice,
                Collections.unmodifiableMap(all), mode, waived);
    }

    public Finding inMode(Mode newMode) {
        return new Finding(rule, sentiment, severity, message, advice, evidence, newMode, waived);
    }

    public Finding waive() {
        return new Finding(rule, sentiment, severity, message, advice, evidence, mode, true);
    }

    /** Whether the caller who placed the order hears of it: enforced risks that were not waived. */
    public boolean concernsCaller() {
        return mode == Mode.ENFORCE && sentiment == Sentiment.RAISES_RISK && !waived;
    }

    public boolean raises(Severity level) {
        return sentiment == Sentiment.RAISES_RISK && severity == level;
    }
}
