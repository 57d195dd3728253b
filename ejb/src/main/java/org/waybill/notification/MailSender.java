package org.waybill.notification;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
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

    void send(Notification notification) {
        try {
            MimeMessage message = new MimeMessage(session) {
                @Override
                protected void updateMessageID() throws MessagingException {
                    setHeader("Message-ID", "<" + notification.id() + "@waybill>");
                }
            };
            message.setFrom(); // the session's sender, WAYBILL_MAIL_FROM
            message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(notification.recipient()));
            message.setSubject(notification.subject(), "UTF-8");
            message.setText(notification.body(), "UTF-8");
            Transport.send(message);
        } catch (MessagingException e) {
            throw new MailServerUnavailableException("could not send notification " + notification.id() + ": "
                    + e.getMessage(), e);
        }
    }
}
