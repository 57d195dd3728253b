package org.waybill.notification;

/**
 * The e-mail can never be delivered as addressed: the recipient is not a valid address, or the mail server refused
 * it with a permanent (5xx) answer. Retrying would only fail again, so the notification fails instead.
 */
public class UndeliverableMailException extends RuntimeException {
    public UndeliverableMailException(String message, Throwable cause) {
        super(message, cause);
    }
}
