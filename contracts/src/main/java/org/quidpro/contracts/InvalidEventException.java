package org.quidpro.contracts;

/**
 * A record that can never be processed, however often it is retried: not JSON, an unknown type or
 * version, or a document that breaks its schema. Consumers send it to the dead-letter topic.
 */
public class InvalidEventException extends RuntimeException {

    public InvalidEventException(String message) {
        super(message);
    }

    public InvalidEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
