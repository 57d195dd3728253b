package org.waybill.stack;

import org.waybill.logging.EscapeControlCharacters;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

/**
 * The WildFly module org.waybill.logging: a jar with the one class of the log filter, taken from the launcher's own
 * classpath, and its module.xml from server-config.
 */
final class LogFilterModule {
    private static final String CLASS_FILE = EscapeControlCharacters.class.getName().replace('.', '/') + ".class";

    private LogFilterModule() {
    }

    static byte[] classBytes() {
        try (InputStream in = LogFilterModule.class.getResourceAsStream("/" + CLASS_FILE)) {
            if (in == null) {
                throw new IllegalStateException(CLASS_FILE + " is not on the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void install(Path moduleDir, String moduleXml) throws IOException {
        Files.createDirectories(moduleDir);
        Files.writeString(moduleDir.resolve("module.xml"), moduleXml);
        try (OutputStream file = Files.newOutputStream(moduleDir.resolve("waybill-logging.jar"));
             JarOutputStream jar = new JarOutputStream(file)) {
            jar.putNextEntry(new JarEntry(CLASS_FILE));
            jar.write(classBytes());
            jar.closeEntry();
        }
    }
}
