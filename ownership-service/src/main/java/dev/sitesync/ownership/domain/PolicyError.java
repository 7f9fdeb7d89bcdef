package dev.sitesync.ownership.domain;

/**
 * One thing wrong with a policy document.
 *
 * @param line the 1-based line of the YAML the error is about
 * @param path where in the document, e.g. {@code domains[2].owner}
 */
public record PolicyError(int line, String path, String message) implements Comparable<PolicyError> {

    @Override
    public int compareTo(PolicyError other) {
        return line != other.line ? Integer.compare(line, other.line) : path.compareTo(other.path);
    }

    @Override
    public String toString() {
        return "line " + line + ": " + path + ": " + message;
    }
}
