package dev.sitesync.ownership.domain;

/** How the owner's worker notices changes: webhooks with a safety poll, or a scheduled read in a cron window. */
public record Capture(Mode mode, String cron) {

    public static final Capture DEFAULT = new Capture(Mode.WEBHOOK_AND_POLL, null);

    public enum Mode {

        WEBHOOK_AND_POLL("webhook+poll"),
        SCHEDULED("scheduled");

        private final String label;

        Mode(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        public static Mode parse(String label) {
            for (Mode mode : values()) {
                if (mode.label.equals(label)) {
                    return mode;
                }
            }
            throw new IllegalArgumentException("unknown capture mode " + label);
        }
    }
}
