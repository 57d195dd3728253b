package org.waybill.it;

import jakarta.jms.JMSContext;
import jakarta.jms.JMSRuntimeException;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.waybill.stack.StackSettings;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.KeyStore;
import java.security.cert.X509Certificate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The broker is reached over TLS only: a client in the clear, or one that does not trust the broker's certificate,
 * gets no connection even with the operator's credentials, and the handshake is TLS 1.3 with the certificate the
 * launcher's trust store holds. That every other test's client and WildFly itself reach the broker at all shows they
 * speak TLS (tests, drills and benchmark through {@link StackSettings#brokerUrl}, WildFly through
 * configure-messaging.cli).
 */
class BrokerTlsIT {
    private static final String FAIL_FAST = "callTimeout=5000&initialConnectAttempts=1&reconnectAttempts=0";

    @Test
    void aClientInTheClearIsRefusedEvenWithTheOperatorsCredentials() {
        assertNoConnection("tcp://" + address() + "?" + FAIL_FAST);
    }

    @Test
    void aClientThatDoesNotTrustTheBrokersCertificateIsRefused() {
        // TLS with the JDK's public authorities, which never signed the development certificate.
        assertNoConnection("tcp://" + address() + "?sslEnabled=true&verifyHost=true&" + FAIL_FAST);
    }

    @Test
    void theHandshakeIsTls13WithTheCertificateOfTheTrustStore() throws Exception {
        StackSettings.BrokerTls tls = TestStack.stack().settings().brokerTls();
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(tls.trustStore())) {
            trusted.load(in, tls.trustStorePassword().toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        StackSettings.Endpoint broker = TestStack.stack().settings().broker();
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(broker.host(), broker.port())) {
            var parameters = socket.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate must name the host, as verifyHost checks
            socket.setSSLParameters(parameters);
            socket.startHandshake();
            assertEquals("TLSv1.3", socket.getSession().getProtocol());
            X509Certificate served = (X509Certificate) socket.getSession().getPeerCertificates()[0];
            assertEquals(trusted.getCertificate(trusted.aliases().nextElement()), served);
            assertTrue(served.getSubjectX500Principal().getName().contains("CN=localhost"), served.toString());
        }
    }

    private static String address() {
        StackSettings.Endpoint broker = TestStack.stack().settings().broker();
        return broker.host() + ":" + broker.port();
    }

    private static void assertNoConnection(String url) {
        var operator = TestStack.stack().settings().consoleUser();
        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(url, operator.user(), operator.password())) {
            assertThrows(JMSRuntimeException.class, () -> {
                try (JMSContext context = factory.createContext()) {
                    context.createProducer(); // a session the broker would have to accept
                }
            }, url);
        }
    }
}
