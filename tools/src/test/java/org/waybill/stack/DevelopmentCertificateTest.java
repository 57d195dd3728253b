package org.waybill.stack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DevelopmentCertificateTest {
    @TempDir
    Path home;

    /** A key store as an earlier start left it, its certificate expiring tomorrow. */
    private void expiringTomorrow(String keyStore) throws Exception {
        Path store = home.resolve(keyStore);
        Files.delete(store);
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", DevelopmentCertificate.ALIAS, "-keyalg", "EC", "-validity", "1",
                "-dname", "CN=localhost", "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", DevelopmentCertificate.PASSWORD, "-keypass", DevelopmentCertificate.PASSWORD)
                .inheritIO().start();
        assertEquals(0, keytool.waitFor());
        assertTrue(((X509Certificate) certificateIn(keyStore)).getNotAfter().toInstant()
                .isBefore(Instant.now().plus(Duration.ofDays(2))));
    }

    private Certificate certificateIn(String store) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(home.resolve(store))) {
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(in, DevelopmentCertificate.PASSWORD.toCharArray());
            return keyStore.getCertificate(DevelopmentCertificate.ALIAS);
        }
    }

    private static void assertValidForYears(Certificate certificate) {
        Instant notAfter = ((X509Certificate) certificate).getNotAfter().toInstant();
        assertTrue(notAfter.isAfter(Instant.now().plus(Duration.ofDays(800))), "expires on " + notAfter);
    }

    @Test
    void theBrokersCertificateIsKeptWhileValidAndRenewedWithItsTrustStoreBeforeItExpires() throws Exception {
        DevelopmentCertificate.ensureForBroker(home);
        Certificate first = certificateIn(DevelopmentCertificate.BROKER_KEY_STORE);
        DevelopmentCertificate.ensureForBroker(home);
        assertEquals(first, certificateIn(DevelopmentCertificate.BROKER_KEY_STORE), "a valid certificate is kept");

        expiringTomorrow(DevelopmentCertificate.BROKER_KEY_STORE);
        DevelopmentCertificate.ensureForBroker(home);
        Certificate renewed = certificateIn(DevelopmentCertificate.BROKER_KEY_STORE);
        assertNotEquals(first, renewed);
        assertValidForYears(renewed);
        assertEquals(renewed, certificateIn(DevelopmentCertificate.BROKER_TRUST_STORE),
                "the clients' trust store holds the renewed certificate");
    }

    @Test
    void theDatabasesCertificateIsRenewedBeforeItExpiresAndServedAsPem() throws Exception {
        DevelopmentCertificate.ensureForPostgres(home);
        expiringTomorrow(DevelopmentCertificate.POSTGRES_KEY_STORE);
        DevelopmentCertificate.ensureForPostgres(home);
        Certificate renewed = certificateIn(DevelopmentCertificate.POSTGRES_KEY_STORE);
        assertValidForYears(renewed);
        try (InputStream pem = Files.newInputStream(home.resolve(DevelopmentCertificate.POSTGRES_CERTIFICATE))) {
            assertEquals(renewed, CertificateFactory.getInstance("X.509").generateCertificate(pem),
                    "PostgreSQL serves, and its clients trust, the renewed certificate");
        }
    }
}
