package org.waybill.stack;

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
 * A WildFly module of Waybill's own: a jar with one class taken from the launcher's own classpath, and its
 * module.xml from server-config (whose resource-root names the jar, waybill-LAST.jar for module org.waybill.LAST).
 *
 * @param name    the module's name, which is also its folder under modules/
 * @param xml     its module.xml in server-config
 * @param type    the class it holds, named: the launcher does not load it (WildFly's Undertow is not on its classpath)
 */
record ServerModule(String name, String xml, String type) {
    /**
     * The log filter (configure-logging.cli), the first handler of every request (configure-web.cli) and the XA data
     * source of PostgreSQL (configure-datasource.cli), which goes into the driver's module as waybill-jdbc.jar: the
     * datasource subsystem loads it with the driver's class loader.
     */
    static final List<ServerModule> ALL = List.of(
            new ServerModule("org.waybill.logging", "wildfly/logging-module.xml", "org.waybill.logging.EscapeControlCharacters"),
            new ServerModule("org.waybill.undertow", "wildfly/undertow-module.xml", "org.waybill.undertow.RefuseMalformedRequests"),
            new ServerModule("org.postgresql.jdbc", "wildfly/postgresql-module.xml", "org.waybill.jdbc.PostgresXADataSource"));

    private String classFile() {
        return type.replace('.', '/') + ".class";
    }

    byte[] classBytes() {
        try (InputStream in = ServerModule.class.getResourceAsStream("/" + classFile())) {
            if (in == null) {
                throw new IllegalStateException(classFile() + " is not on the classpath");
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
            jar.putNextEntry(new JarEntry(classFile()));
            jar.write(classBytes());
            jar.closeEntry();
        }
    }
}
