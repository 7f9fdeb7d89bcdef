package dev.sitesync.ownership.domain;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.serialization.JsonNodeReader;

/**
 * Reads a policy document: YAML syntax, then the JSON Schema ({@code policy/policy.schema.json}), then the rules no
 * schema can state (sites that exist, one owner per doctype, classes no looser than their defaults). Every error names
 * its line; a document with any error is refused whole.
 */
public final class PolicyReader {

    private static final String SCHEMA = "policy/policy.schema.json";

    private final JsonSchema schema;
    private final JsonNodeReader yaml;

    public PolicyReader() {
        // duplicate keys are errors: "owner: a" then "owner: b" in one domain would otherwise silently keep b
        YAMLMapper mapper = YAMLMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
        this.yaml = JsonNodeReader.builder().yamlMapper(mapper).locationAware().build();
        try (InputStream in = PolicyReader.class.getClassLoader().getResourceAsStream(SCHEMA)) {
            this.schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + SCHEMA, e);
        }
    }

    /** The valid document, or {@link InvalidPolicyException} listing every error found. */
    public PolicyDocument read(String text) {
        JsonNode tree = parse(text);
        List<PolicyError> errors = new ArrayList<>(schemaErrors(tree));
        if (errors.isEmpty()) {
            errors.addAll(PolicyRules.check(tree));
        }
        if (!errors.isEmpty()) {
            throw new InvalidPolicyException(errors);
        }
        return new PolicyDocument(text, tree, PolicyMapper.toPolicy(tree));
    }

    private JsonNode parse(String text) {
        JsonNode tree;
        try {
            tree = yaml.readTree(text, InputFormat.YAML);
        } catch (IOException e) {
            throw syntaxError(e);
        } catch (IllegalArgumentException e) {
            // the reader wraps the parser's exception
            throw e.getCause() instanceof IOException cause ? syntaxError(cause) : e;
        }
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            throw new InvalidPolicyException(List.of(new PolicyError(1, "(document)", "the document is empty")));
        }
        return tree;
    }

    private static InvalidPolicyException syntaxError(IOException e) {
        if (!(e instanceof JsonProcessingException parse)) {
            return new InvalidPolicyException(List.of(new PolicyError(1, "(document)", "not readable: " + e.getMessage())));
        }
        JsonLocation location = parse.getLocation();
        return new InvalidPolicyException(List.of(new PolicyError(location == null ? 1 : location.getLineNr(),
                "(document)", "not valid YAML: " + parse.getOriginalMessage())));
    }

    private List<PolicyError> schemaErrors(JsonNode tree) {
        Set<ValidationMessage> messages = schema.validate(tree);
        return messages.stream().map(PolicyReader::toError).toList();
    }

    private static PolicyError toError(ValidationMessage message) {
        String path = message.getInstanceLocation().toString();
        JsonNode node = message.getInstanceNode();
        // an unknown or missing key is reported on its object; point at the key's own line when it is there
        if (message.getProperty() != null && node != null && node.has(message.getProperty())) {
            node = node.get(message.getProperty());
        }
        String text = message.getMessage();
        if (text.startsWith(path + ": ")) {
            text = text.substring(path.length() + 2);
        }
        if ("enum".equals(message.getType()) && node != null && node.isValueNode() && message.getSchemaNode() != null) {
            text = "'" + node.asText() + "' is not one of " + message.getSchemaNode();
        }
        return new PolicyError(node == null ? 1 : PolicyDocument.lineOf(node), readable(path), text);
    }

    private static String readable(String path) {
        return path.equals("$") ? "(document)" : path.replaceFirst("^\\$\\.?", "");
    }
}
