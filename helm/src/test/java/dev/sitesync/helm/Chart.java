package dev.sitesync.helm;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;

/** The chart in helm/sitesync, rendered by the Helm that helm-java embeds, as a cluster-less {@code helm template}. */
final class Chart {

    static final Path ROOT = Path.of(System.getProperty("sitesync.root", "..")).toAbsolutePath().normalize();
    static final Path DIR = ROOT.resolve("helm/sitesync");
    static final String RELEASE = "sitesync";
    static final String NAMESPACE = "sitesync";

    /** The values files the build renders, besides the defaults. */
    static final List<String> MATRIX = List.of("three-sites", "cnpg", "monitoring", "autoscaling-off");

    private static final Pattern DOCUMENT_SEPARATOR = Pattern.compile("(?m)^---\\s*$");

    private final List<Path> valuesFiles = new ArrayList<>();
    private final Map<String, Object> sets = new LinkedHashMap<>();
    /** Without a cluster Helm assumes Kubernetes 1.20, which the chart refuses; render for a current version. */
    private String kubeVersion = "1.33.0";

    static Chart defaults() {
        return new Chart();
    }

    /** The defaults with {@code ci/<name>-values.yaml} over them. */
    static Chart with(String ciValues) {
        return new Chart().values(DIR.resolve("ci/" + ciValues + "-values.yaml"));
    }

    Chart values(Path file) {
        valuesFiles.add(file);
        return this;
    }

    /** A values file written for one test. */
    Chart values(String yaml) {
        try {
            Path file = Files.createTempFile("values-", ".yaml");
            file.toFile().deleteOnExit();
            return values(Files.writeString(file, yaml));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    Chart set(String key, Object value) {
        sets.put(key, value);
        return this;
    }

    Chart kubeVersion(String version) {
        kubeVersion = version;
        return this;
    }

    /** {@code helm template}'s output; Helm's refusal (schema, fail, kubeVersion) as an IllegalStateException. */
    String template() {
        TemplateCommand command = new Helm(DIR).template().withName(RELEASE).withNamespace(NAMESPACE);
        valuesFiles.forEach(command::withValuesFile);
        sets.forEach(command::set);
        command.withKubeVersion(kubeVersion);
        return command.call();
    }

    Rendering render() {
        List<Manifest> manifests = new ArrayList<>();
        for (String document : DOCUMENT_SEPARATOR.split(template())) {
            Manifest.parse(document).ifPresent(manifests::add);
        }
        return new Rendering(manifests);
    }

    /** Helm's message when it refuses to render, or a failure when it renders. */
    String refusal() {
        try {
            template();
        } catch (IllegalStateException e) {
            return e.getMessage();
        }
        throw new AssertionError("Helm rendered the chart; a refusal was expected");
    }
}
