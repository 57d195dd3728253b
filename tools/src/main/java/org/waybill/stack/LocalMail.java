package org.waybill.stack;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A local SMTP sink (GreenMail) that keeps what it receives in memory, so customer e-mail goes nowhere real.
 * Read it with any mail client over IMAP: user and password are the recipient's address.
 */
public final class LocalMail implements AutoCloseable {
    /**
     * GreenMail says at INFO that it made a mailbox for each new recipient: two lines per order on the console of the
     * start command and the drills. Warnings still show. Held here, as java.util.logging keeps loggers weakly.
     */
    private static final Logger GREENMAIL_LOG = Logger.getLogger("com.icegreen.greenmail");

    static {
        GREENMAIL_LOG.setLevel(Level.WARNING);
    }

    private final GreenMail greenMail;

    private LocalMail(GreenMail greenMail) {
        this.greenMail = greenMail;
    }

    static LocalMail start(StackSettings settings) {
        GreenMail greenMail = new GreenMail(new ServerSetup[] {
                new ServerSetup(settings.smtp().port(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(settings.imapPort(), "127.0.0.1", ServerSetup.PROTOCOL_IMAP)});
        greenMail.start();
        return new LocalMail(greenMail);
    }

    /** Stops taking mail, as an SMTP server that is away; {@link #resume} brings it back. */
    public void pause() {
        greenMail.stop();
    }

    public void resume() {
        greenMail.start();
    }

    /** Every message received so far, oldest first. */
    public List<MimeMessage> received() {
        return List.of(greenMail.getReceivedMessages());
    }

    /** The messages received so far whose subject names the order: its receipts. */
    public List<MimeMessage> about(String orderId) {
        return received().stream().filter(m -> {
            try {
                return m.getSubject().contains(orderId);
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException("cannot read a received message's subject", e);
            }
        }).toList();
    }

    @Override
    public void close() {
        greenMail.stop();
    }
}
