package org.quidpro.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventCodecTest {

    record TransferObserved(UUID eventId, Instant occurredAt, String community, String peer, long bytes)
            implements IntegrationEvent {
        @Override
        public String key() {
            return community + "/" + peer;
        }
    }

    static final EventType<TransferObserved> TRANSFER_OBSERVED =
            new EventType<>("TransferObserved", 1, TransferObserved.class, Topics.CONTRIBUTIONS);

    final EventCodec codec = new EventCodec(EventCatalog.of(TRANSFER_OBSERVED));

    final TransferObserved event = new TransferObserved(
            UUID.fromString("0b7a2f58-6a43-4d47-9f39-0c7f0f3d6a11"), Instant.parse("2026-11-23T10:15:30.123Z"),
            "files", "peer-a", 4096);

    @Test
    void encodesTypeVersionAndComponentsAndDecodesBack() {
        EncodedEvent encoded = codec.encode(event);

        assertThat(encoded.type()).isEqualTo(TRANSFER_OBSERVED);
        assertThat(encoded.key()).isEqualTo("files/peer-a");
        assertThat(encoded.json())
                .startsWith("{\"type\":\"TransferObserved\",\"version\":1,")
                .contains("\"occurredAt\":\"2026-11-23T10:15:30.123Z\"")
                .doesNotContain("key")
                .doesNotContain(TransferObserved.class.getName());
        assertThat(codec.decode(encoded.json())).isEqualTo(event);
    }

    @Test
    void refusesToEncodeWhatItsSchemaForbids() {
        var negative = new TransferObserved(UUID.randomUUID(), Instant.now(), "files", "peer-a", -1);

        assertThatThrownBy(() -> codec.encode(negative))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bytes");
    }

    @Test
    void namesWhyARecordCanNeverBeProcessed() {
        String valid = codec.encode(event).json();

        assertThatThrownBy(() -> codec.decode("{not json")).isInstanceOf(InvalidEventException.class)
                .hasMessageStartingWith("not JSON");
        assertThatThrownBy(() -> codec.decode("[1,2]")).isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("needs a string \"type\"");
        assertThatThrownBy(() -> codec.decode(valid.replace("\"version\":1", "\"version\":2")))
                .isInstanceOf(InvalidEventException.class).hasMessage("unknown event type TransferObserved v2");
        assertThatThrownBy(() -> codec.decode(valid.replace("\"bytes\":4096", "\"bytes\":\"many\"")))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("breaks its schema")
                .hasMessageContaining("bytes");
        assertThatThrownBy(() -> codec.decode(valid.replace("\"peer\":\"peer-a\",", "")))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("peer");
        assertThatThrownBy(() -> codec.decode(valid.replace("}", ",\"extra\":true}")))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("extra");
        assertThatThrownBy(() -> codec.decode("")).isInstanceOf(InvalidEventException.class);
    }

    @Test
    void catalogRefusesAmbiguousRegistrations() {
        var again = new EventType<>("TransferObserved", 1, TransferObserved.class, Topics.CONTRIBUTIONS);

        assertThatThrownBy(() -> EventCatalog.of(TRANSFER_OBSERVED, again))
                .hasMessageContaining("registered twice");
        assertThatThrownBy(() -> new EventType<>("quidpro.contracts.TransferObserved", 1, TransferObserved.class,
                Topics.CONTRIBUTIONS)).hasMessageContaining("UpperCamelCase");
    }

    @Test
    void aTypeWithoutSchemaFailsAtStartNotOnTheFirstMessage() {
        record Unschematic(UUID eventId, Instant occurredAt) implements IntegrationEvent {
            @Override
            public String key() {
                return "k";
            }
        }
        var type = new EventType<>("Unschematic", 1, Unschematic.class, Topics.PEERS);

        assertThatThrownBy(() -> new EventCodec(EventCatalog.of(type)))
                .hasMessageContaining("no JSON Schema for Unschematic");
    }
}
