package org.waybill.notification;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/**
 * Sends e-mail through the Jakarta Mail session {@code java:jboss/mail/waybill} (server-config/wildfly). The
 * Message-ID is derived from the notification id, so a resend after a crash is recognisable as the same mail.
 */
@ApplicationScoped
public class MailSender {
    @Resource(lookup = "java:jboss/mail/waybill")
    Session session;

    /**
     * @throws UndeliverableMailException        if the mail can never go out as addressed
     * @throws MailServerUnavailableException    if it may go out later (the server is away, or answered 4xx)
     */
    void send(Notification notification) {
        try {
            MimeMessage message = new MimeMessage(session) {
                @Override
                protected void updateMessageID() throws MessagingException {
                    setHeader("Message-ID", "<" + notification.id() + "@waybill>");
                }
            };
            message.setFrom(); // the session's sender, WAYBILL_MAIL_FROM
            message.setRecipient(MimeMessage.RecipientType.TO, recipient(notification));
            message.setSubject(notification.subject(), "UTF-8");
            message.setText(notification.body(), "UTF-8");
            Transport.send(message);
        } catch (SendFailedException e) {
            // Jakarta Mail lists the addresses the server refused with a 5xx answer as invalid; 4xx ones stay unsent.
            if (e.getInvalidAddresses() != null && e.getInvalidAddresses().length > 0) {
                throw new UndeliverableMailException("the mail server refused " + notification.recipient() + " for good: "
                        + e.getMessage(), e);
            }
            throw new MailServerUnavailableException("could not send notification " + notification.id() + ": "
                    + e.getMessage(), e);
        } catch (MessagingException e) {
            throw new MailServerUnavailableException("could not send notification " + notification.id() + ": "
                    + e.getMessage(), e);
        }
    }

    private static InternetAddress recipient(Notification notification) {
        try {
            InternetAddress address = new InternetAddress(notification.recipient(), true);
            address.validate();
            return address;
        } catch (AddressException e) {
            throw new UndeliverableMailException(notification.recipient() + " is not a valid e-mail address: "
                    + e.getMessage(), e);
        }
    }
}
