package org.waybill.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The self-signed certificate WildFly serves HTTPS with unless WAYBILL_TLS_KEYSTORE names one: made once, with the
 * JDK's keytool, on the first start, in the stack's home (never in git). Valid for localhost and 127.0.0.1, so a
 * browser or client that is told to trust it also accepts the printed URLs.
 */
final class DevelopmentCertificate {
    static final String ALIAS = "waybill-development";

    private DevelopmentCertificate() {
    }

    /** Creates the key store of settings.tlsKeyStore() if there is none yet. */
    static void ensure(StackSettings settings) throws IOException {
        Path store = settings.tlsKeyStore();
        if (Files.exists(store)) {
            return;
        }
        Files.createDirectories(store.getParent());
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        ChildProcess.run(List.of(keytool.toString(), "-genkeypair", "-alias", ALIAS, "-keyalg", "RSA", "-keysize", "3072",
                "-validity", "825", "-dname", "CN=localhost, O=Waybill development",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", settings.tlsKeyStorePassword(), "-keypass", settings.tlsKeyStorePassword()),
                store.getParent(), Map.of(), Duration.ofMinutes(1));
        System.out.println("Created a self-signed development certificate for localhost and 127.0.0.1 in " + store);
    }
}
