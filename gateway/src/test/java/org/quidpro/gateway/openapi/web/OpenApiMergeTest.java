package org.quidpro.gateway.openapi.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class OpenApiMergeTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    static JsonNode spec(String path, String schema, String type) {
        return JSON.readTree("""
                {"paths": {"%s": {"post": {"operationId": "create", "requestBody": {"content": {"application/json": {"schema":
                  {"$ref": "#/components/schemas/%s"}}}}}}},
                 "components": {"schemas": {"%s": {"type": "%s"}, "Shared": {"type": "string"}}}}"""
                .formatted(path, schema, schema, type));
    }

    @Test
    void schemasOfTheSameNameButDifferentShapeAreRenamedAfterTheirServiceAndReferencesFollow() {
        Map<String, JsonNode> specs = new LinkedHashMap<>();
        specs.put("rating", spec("/v1/a", "Range", "object"));
        specs.put("coalition", spec("/v1/b", "Range", "array"));
        JsonNode merged = OpenApiController.merge(specs);
        JsonNode schemas = merged.path("components").path("schemas");
        assertThat(schemas.path("Range").path("type").asString()).isEqualTo("object");
        assertThat(schemas.path("CoalitionRange").path("type").asString()).isEqualTo("array");
        assertThat(schemas.has("CoalitionShared")).as("identical schemas are kept once").isFalse();
        assertThat(schemas.has("Shared")).as("schemas no /v1 path reaches are left out").isFalse();
        assertThat(merged.path("paths").path("/v1/b").path("post").path("requestBody").path("content")
                .path("application/json").path("schema").path("$ref").asString())
                .isEqualTo("#/components/schemas/CoalitionRange");
        assertThat(merged.path("paths").path("/v1/a").path("post").path("requestBody").path("content")
                .path("application/json").path("schema").path("$ref").asString())
                .isEqualTo("#/components/schemas/Range");
        assertThat(merged.path("paths").path("/v1/a").path("post").path("operationId").asString()).isEqualTo("create");
        assertThat(merged.path("paths").path("/v1/b").path("post").path("operationId").asString())
                .as("operation ids stay unique").isEqualTo("coalitionCreate");
    }
}
