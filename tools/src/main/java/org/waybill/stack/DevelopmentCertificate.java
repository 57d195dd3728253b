package org.waybill.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Self-signed certificates for development, made once with the JDK's keytool in the stack's home (never in git):
 * the one WildFly serves HTTPS with unless WAYBILL_TLS_KEYSTORE names one, and the embedded broker's, with a trust
 * store holding only its certificate for the broker's clients. Valid for localhost and 127.0.0.1, so a client told
 * to trust one also accepts the printed addresses, host name check included.
 */
final class DevelopmentCertificate {
    static final String ALIAS = "waybill-development";
    /** The development stores' password; they hold nothing outside the stack's home is protected by. */
    static final String PASSWORD = "waybill-dev";
    /** The embedded broker's key store, under the stack's home. */
    static final String BROKER_KEY_STORE = "artemis/tls/broker.p12";
    /** The embedded broker's certificate alone, for its clients (WildFly, tests, drills, benchmark). */
    static final String BROKER_TRUST_STORE = "artemis/tls/broker-trust.p12";

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

    /** Makes a PKCS#12 key store with a new key and its self-signed certificate; false if store exists already. */
    private static boolean ensure(Path store, String password, String organisation) throws IOException {
        if (Files.exists(store)) {
            return false;
        }
        Files.createDirectories(store.getParent());
        keytool(List.of("-genkeypair", "-alias", ALIAS, "-keyalg", "RSA", "-keysize", "3072",
                "-validity", "825", "-dname", "CN=localhost, O=" + organisation,
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", password, "-keypass", password), store.getParent());
        return true;
    }

    private static void keytool(List<String> arguments, Path folder) throws IOException {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(arguments);
        ChildProcess.run(command, folder, Map.of(), Duration.ofMinutes(1));
    }
}
