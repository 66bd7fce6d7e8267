package org.quidpro.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every event of the catalog has a schema and a sample document ({@code samples/NAME.vN.json} in the
 * test resources) that validates, decodes and encodes back to the same document.
 */
class QuidproEventsTest {

    final EventCodec codec = new EventCodec(QuidproEvents.catalog());

    @TestFactory
    Stream<DynamicTest> everyEventRoundTripsAndValidates() {
        return QuidproEvents.ALL.stream().map(type -> DynamicTest.dynamicTest(type.name() + " v" + type.version(), () -> {
            String sample = sample("samples/" + type.name() + ".v" + type.version() + ".json");
            assertThat(codec.violations(type, sample)).isEmpty();
            IntegrationEvent decoded = codec.decode(sample);
            assertThat(decoded).isInstanceOf(type.javaType());
            assertThat(codec.decode(codec.encode(decoded).json())).isEqualTo(decoded);
        }));
    }

    @Test
    void everyTopicHasADistinctName() {
        assertThat(Topics.ALL).extracting(Topic::name).doesNotHaveDuplicates().allMatch(n -> n.startsWith("quidpro."));
        assertThat(QuidproEvents.ALL).allMatch(type -> Topics.ALL.contains(type.topic()));
    }

    private static String sample(String resource) throws IOException {
        try (InputStream in = QuidproEventsTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as("sample " + resource).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
