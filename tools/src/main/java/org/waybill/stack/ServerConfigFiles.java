package org.waybill.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** The versioned files of server-config (wildfly/, artemis/), read from the classpath (the server-config jar). */
final class ServerConfigFiles {
    /** The WildFly CLI scripts, applied in this order. */
    static final List<String> WILDFLY_SCRIPTS = List.of(
            "wildfly/configure-transactions.cli",
            "wildfly/configure-messaging.cli",
            "wildfly/configure-datasource.cli",
            "wildfly/configure-mail.cli",
            "wildfly/configure-logging.cli",
            "wildfly/configure-tls.cli",
            "wildfly/configure-openapi.cli",
            "wildfly/configure-observability.cli",
            "wildfly/configure-tracing.cli",
            "wildfly/configure-web.cli");

    private ServerConfigFiles() {
    }

    static String read(String path) {
        try (InputStream in = ServerConfigFiles.class.getResourceAsStream("/server-config/" + path)) {
            if (in == null) {
                throw new IllegalStateException("server-config/" + path + " is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fingerprint of the given files, to tell whether a prepared server still matches them. */
    static String fingerprint(List<String> paths, String... extra) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            paths.forEach(p -> digest.update(read(p).getBytes(StandardCharsets.UTF_8)));
            for (String e : extra) {
                digest.update(e.getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
