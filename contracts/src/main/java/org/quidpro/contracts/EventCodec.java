package org.quidpro.contracts;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns events into JSON documents and back. The document is the record's components plus
 * {@code "type"} (the stable name) and {@code "version"}; every document is checked against its
 * JSON Schema both ways, so a producer cannot publish and a consumer cannot accept what the
 * contract does not allow.
 */
public final class EventCodec {

    private final EventCatalog catalog;
    private final JsonMapper mapper;
    private final SchemaRegistry schemaRegistry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private final Map<EventType<?>, Schema> schemas = new ConcurrentHashMap<>();

    public EventCodec(EventCatalog catalog) {
        this.catalog = catalog;
        // Timestamps as ISO-8601 strings (Jackson 3's default); extra wire fields such as "type"
        // are not record components, so unknown properties are tolerated here and policed by the schema.
        this.mapper = JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
        catalog.types().forEach(this::schemaOf); // fail fast on a missing or broken schema
    }

    public EventCatalog catalog() {
        return catalog;
    }

    public EncodedEvent encode(IntegrationEvent event) {
        EventType<?> type = catalog.typeOf(event.getClass());
        ObjectNode document = mapper.createObjectNode();
        document.put("type", type.name());
        document.put("version", type.version());
        document.setAll((ObjectNode) mapper.valueToTree(event));
        String json = mapper.writeValueAsString(document);
        List<String> violations = violations(type, json);
        if (!violations.isEmpty()) {
            throw new IllegalArgumentException(type.name() + " breaks its schema: " + String.join("; ", violations));
        }
        return new EncodedEvent(type, event.key(), json);
    }

    /** @throws InvalidEventException when the document can never be processed */
    public IntegrationEvent decode(String json) {
        if (json == null || json.isBlank()) {
            throw new InvalidEventException("empty record value");
        }
        JsonNode document;
        try {
            document = mapper.readTree(json);
        } catch (JacksonException e) {
            throw new InvalidEventException("not JSON: " + e.getOriginalMessage(), e);
        }
        if (!document.isObject() || !document.path("type").isString() || !document.path("version").isInt()) {
            throw new InvalidEventException("not an event document: needs a string \"type\" and an integer \"version\"");
        }
        String name = document.get("type").asString();
        int version = document.get("version").asInt();
        EventType<?> type = catalog.find(name, version)
                .orElseThrow(() -> new InvalidEventException("unknown event type " + name + " v" + version));
        List<String> violations = violations(type, json);
        if (!violations.isEmpty()) {
            throw new InvalidEventException(name + " v" + version + " breaks its schema: " + String.join("; ", violations));
        }
        try {
            return mapper.treeToValue(document, type.javaType());
        } catch (JacksonException e) {
            throw new InvalidEventException("cannot read " + name + ": " + e.getOriginalMessage(), e);
        }
    }

    /** Schema violations of a document of the given type, empty when it conforms. */
    public List<String> violations(EventType<?> type, String json) {
        return schemaOf(type).validate(json, InputFormat.JSON).stream()
                .map(error -> error.getInstanceLocation() + ": " + error.getMessage())
                .collect(Collectors.toList());
    }

    private Schema schemaOf(EventType<?> type) {
        return schemas.computeIfAbsent(type, t -> {
            ClassLoader loader = t.javaType().getClassLoader();
            try (InputStream in = loader.getResourceAsStream(t.schemaResource())) {
                if (in == null) {
                    throw new IllegalStateException("no JSON Schema for " + t.name() + " at " + t.schemaResource());
                }
                return schemaRegistry.getSchema(in, InputFormat.JSON);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
