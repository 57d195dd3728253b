package org.waybill.stack;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

/**
 * A WildFly module of Waybill's own: a jar with classes taken from the launcher's own classpath, and its module.xml
 * from server-config (whose resource-root names the jar, waybill-LAST.jar for module org.waybill.LAST).
 *
 * @param name    the module's name, which is also its folder under modules/
 * @param xml     its module.xml in server-config
 * @param types   the classes it holds, named: the launcher does not load them (WildFly's Undertow is not on its
 *                classpath)
 */
record ServerModule(String name, String xml, List<String> types) {
    /**
     * The log filters (configure-logging.cli), the first handler of every request (configure-web.cli) and the XA data
     * source of PostgreSQL (configure-datasource.cli), which goes into the driver's module as waybill-jdbc.jar: the
     * datasource subsystem loads it with the driver's class loader.
     */
    static final List<ServerModule> ALL = List.of(
            new ServerModule("org.waybill.logging", "wildfly/logging-module.xml",
                    List.of("org.waybill.logging.EscapeControlCharacters", "org.waybill.logging.RedeliveryRequestedLines")),
            new ServerModule("org.waybill.undertow", "wildfly/undertow-module.xml",
                    List.of("org.waybill.undertow.RefuseMalformedRequests", "org.waybill.undertow.BodyBeforeWorker",
                            "org.waybill.undertow.BodyBeforeWorker$Refusal", "org.waybill.undertow.BodyBeforeWorker$Reading",
                            "org.waybill.undertow.BodyBeforeWorker$Reading$1",
                            "org.waybill.undertow.BodyBeforeWorker$FlushAndClose")),
            new ServerModule("org.postgresql.jdbc", "wildfly/postgresql-module.xml",
                    List.of("org.waybill.jdbc.PostgresXADataSource")));

    private static String classFile(String type) {
        return type.replace('.', '/') + ".class";
    }

    /** The bytes of every class it holds, one after the other: what the launcher's fingerprint of it hashes. */
    byte[] classBytes() {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        types.forEach(type -> all.writeBytes(classBytes(type)));
        return all.toByteArray();
    }

    private static byte[] classBytes(String type) {
        try (InputStream in = ServerModule.class.getResourceAsStream("/" + classFile(type))) {
            if (in == null) {
                throw new IllegalStateException(classFile(type) + " is not on the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void install(Path modules) throws IOException {
        Path moduleDir = modules.resolve(name.replace('.', '/')).resolve("main");
        Files.createDirectories(moduleDir);
        Files.writeString(moduleDir.resolve("module.xml"), ServerConfigFiles.read(xml));
        String jarName = "waybill-" + name.substring(name.lastIndexOf('.') + 1) + ".jar";
        try (OutputStream file = Files.newOutputStream(moduleDir.resolve(jarName));
             JarOutputStream jar = new JarOutputStream(file)) {
            for (String type : types) {
                jar.putNextEntry(new JarEntry(classFile(type)));
                jar.write(classBytes(type));
                jar.closeEntry();
            }
        }
    }
}
