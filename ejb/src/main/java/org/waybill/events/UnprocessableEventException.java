package org.waybill.events;

/**
 * A message that no number of retries will make processable: missing envelope fields, a payload that does not
 * parse, an event type or version the consumer does not handle.
 */
public class UnprocessableEventException extends RuntimeException {
    public UnprocessableEventException(String message) {
        super(message);
    }

    public UnprocessableEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
