package org.quidpro.contracts;

/** An event ready for the wire: where it goes, under which key, and its JSON document. */
public record EncodedEvent(EventType<?> type, String key, String json) {}
