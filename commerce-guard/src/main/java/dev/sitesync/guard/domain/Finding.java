package dev.sitesync.guard.domain;

import java.util.Map;
import java.util.Objects;

/**
 * One fact a rule established about an order, with the evidence that shows it.
 *
 * @param mode whether the rule that found it was enforced or ran in shadow (recorded, never deciding)
 * @param waived true for a review finding set aside because the customer is allow-listed
 */
public record Finding(String rule, Sentiment sentiment, Severity severity, String message, Map<String, Object> evidence,
        Mode mode, boolean waived) {

    public Finding {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(sentiment, "sentiment");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
        evidence = evidence == null ? Map.of() : evidence;
    }

    public static Finding raises(String rule, Severity severity, String message, Map<String, Object> evidence) {
        return new Finding(rule, Sentiment.RAISES_RISK, severity, message, evidence, Mode.ENFORCE, false);
    }

    public static Finding lowers(String rule, String message, Map<String, Object> evidence) {
        return new Finding(rule, Sentiment.LOWERS_RISK, Severity.INFO, message, evidence, Mode.ENFORCE, false);
    }

    public static Finding neutral(String rule, String message, Map<String, Object> evidence) {
        return new Finding(rule, Sentiment.NEUTRAL, Severity.INFO, message, evidence, Mode.ENFORCE, false);
    }

    public Finding inMode(Mode newMode) {
        return new Finding(rule, sentiment, severity, message, evidence, newMode, waived);
    }

    public Finding waive() {
        return new Finding(rule, sentiment, severity, message, evidence, mode, true);
    }

    public boolean raises(Severity level) {
        return sentiment == Sentiment.RAISES_RISK && severity == level;
    }
}
