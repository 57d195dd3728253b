package org.waybill.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Self-signed certificates for development, made once with the JDK's keytool in the stack's home (never in git):
 * the one WildFly serves HTTPS with unless WAYBILL_TLS_KEYSTORE names one, the embedded broker's, with a trust
 * store holding only its certificate for the broker's clients, and the embedded PostgreSQL's. Valid for localhost and 127.0.0.1, so a client told
 * to trust one also accepts the printed addresses, host name check included.
 */
final class DevelopmentCertificate {
    static final String ALIAS = "waybill-development";
    /** A certificate that expires within this is made anew on the next start. */
    static final Duration RENEWAL = Duration.ofDays(30);
    /** The development stores' password; they hold nothing outside the stack's home is protected by. */
    static final String PASSWORD = "waybill-dev";
    /** The embedded broker's key store, under the stack's home. */
    static final String BROKER_KEY_STORE = "artemis/tls/broker.p12";
    /** The embedded broker's certificate alone, for its clients (WildFly, tests, drills, benchmark). */
    static final String BROKER_TRUST_STORE = "artemis/tls/broker-trust.p12";

    /** The embedded PostgreSQL's key store, from which its PEM files are written. */
    static final String POSTGRES_KEY_STORE = "postgres/tls/server.p12";
    /** The embedded PostgreSQL's certificate (PEM), which it serves and its clients trust. */
    static final String POSTGRES_CERTIFICATE = "postgres/tls/server.crt";
    /** Its key (PEM, PKCS#8), readable by its owner alone. */
    static final String POSTGRES_KEY = "postgres/tls/server.key";

    private DevelopmentCertificate() {
    }

    /** Creates the key store of settings.tlsKeyStore() if there is none yet. */
    static void ensureForWildFly(StackSettings settings) throws IOException {
        if (ensure(settings.tlsKeyStore(), settings.tlsKeyStorePassword(), "Waybill development")) {
            System.out.println("Created a self-signed development certificate for localhost and 127.0.0.1 in "
                    + settings.tlsKeyStore());
        }
    }

    /**
     * Creates the embedded broker's key store and its trust store if there are none yet: a new key means a new trust
     * store, made from it.
     */
    static void ensureForBroker(Path home) throws IOException {
        Path keyStore = home.resolve(BROKER_KEY_STORE);
        Path trustStore = home.resolve(BROKER_TRUST_STORE);
        if (ensure(keyStore, PASSWORD, "Waybill development broker") || !Files.exists(trustStore)) {
            Path certificate = keyStore.resolveSibling("broker.pem");
            keytool(List.of("-exportcert", "-rfc", "-alias", ALIAS, "-keystore", keyStore.toString(),
                    "-storepass", PASSWORD, "-file", certificate.toString()), keyStore.getParent());
            Files.deleteIfExists(trustStore);
            keytool(List.of("-importcert", "-noprompt", "-alias", ALIAS, "-file", certificate.toString(),
                    "-storetype", "PKCS12", "-keystore", trustStore.toString(), "-storepass", PASSWORD),
                    keyStore.getParent());
            System.out.println("Created a self-signed development certificate for the broker in " + keyStore
                    + ", trusted by " + trustStore);
        }
    }

    /**
     * Creates the embedded PostgreSQL's certificate and key as the PEM files it reads, if there are none yet: the key
     * readable by its owner alone, as PostgreSQL demands. The certificate is also what its clients trust (pgjdbc's
     * sslrootcert).
     */
    static void ensureForPostgres(Path home) throws IOException {
        Path keyStore = home.resolve(POSTGRES_KEY_STORE);
        Path certificate = home.resolve(POSTGRES_CERTIFICATE);
        Path key = home.resolve(POSTGRES_KEY);
        if (!ensure(keyStore, PASSWORD, "Waybill development database") && Files.exists(certificate) && Files.exists(key)) {
            return;
        }
        keytool(List.of("-exportcert", "-rfc", "-alias", ALIAS, "-keystore", keyStore.toString(),
                "-storepass", PASSWORD, "-file", certificate.toString()), keyStore.getParent());
        try {
            byte[] pkcs8 = load(keyStore, PASSWORD).getKey(ALIAS, PASSWORD.toCharArray()).getEncoded();
            Files.deleteIfExists(key);
            Files.createFile(key, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
            Files.writeString(key, "-----BEGIN PRIVATE KEY-----\n"
                    + java.util.Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(pkcs8)
                    + "\n-----END PRIVATE KEY-----\n");
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException("could not read the database's development key from " + keyStore, e);
        }
        System.out.println("Created a self-signed development certificate for the database in " + certificate);
    }

    /**
     * Makes a PKCS#12 key store with a new key and its self-signed certificate, unless the store exists and its
     * certificate is valid for {@link #RENEWAL} yet; false if it kept the store. A home outlives a certificate's 825
     * days, and an expired one would leave every client refusing the server it names.
     */
    private static boolean ensure(Path store, String password, String organisation) throws IOException {
        if (Files.exists(store)) {
            Instant expires = expiry(store, password);
            if (expires.isAfter(Instant.now().plus(RENEWAL))) {
                return false;
            }
            System.out.println("The development certificate in " + store + " expires on " + expires + ": renewing it");
            Files.delete(store);
        }
        Files.createDirectories(store.getParent());
        keytool(List.of("-genkeypair", "-alias", ALIAS, "-keyalg", "RSA", "-keysize", "3072",
                "-validity", "825", "-dname", "CN=localhost, O=" + organisation,
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", password, "-keypass", password), store.getParent());
        return true;
    }

    /** When the certificate of the store's key expires. */
    private static Instant expiry(Path store, String password) throws IOException {
        try {
            if (load(store, password).getCertificate(ALIAS) instanceof X509Certificate certificate) {
                return certificate.getNotAfter().toInstant();
            }
            throw new IOException(store + " holds no certificate " + ALIAS + "; remove it to have a new one made");
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException("could not read the development certificate in " + store, e);
        }
    }

    private static java.security.KeyStore load(Path store, String password)
            throws IOException, java.security.GeneralSecurityException {
        try (java.io.InputStream in = Files.newInputStream(store)) {
            java.security.KeyStore keyStore = java.security.KeyStore.getInstance("PKCS12");
            keyStore.load(in, password.toCharArray());
            return keyStore;
        }
    }

    private static void keytool(List<String> arguments, Path folder) throws IOException {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(arguments);
        ChildProcess.run(command, folder, Map.of(), Duration.ofMinutes(1));
    }
}
