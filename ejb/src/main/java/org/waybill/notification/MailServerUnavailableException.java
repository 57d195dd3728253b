package org.waybill.notification;

import org.waybill.platform.RetryLaterException;

/** The SMTP server did not take the e-mail: the work item is redelivered after its backoff. */
public class MailServerUnavailableException extends RetryLaterException {
    public MailServerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
