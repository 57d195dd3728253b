package org.waybill.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Server distributions (tar.gz from Maven Central, copied next to the build by Maven), unpacked once. */
final class Distributions {
    private Distributions() {
    }

    /** Unpacks the archive into target (its single top-level folder stripped) unless that was done already. */
    static Path unpack(Path archive, Path target) throws IOException {
        if (!Files.isRegularFile(archive)) {
            throw new IOException(archive + " is missing: run the build (./mvnw verify -Pstart) so Maven fetches it");
        }
        Path marker = target.resolve(".unpacked-from");
        String source = archive.getFileName() + " " + Files.size(archive);
        if (Files.exists(marker) && Files.readString(marker).equals(source)) {
            return target;
        }
        System.out.println("Unpacking " + archive.getFileName() + " into " + target);
        if (Files.exists(target)) {
            ChildProcess.run(List.of("rm", "-rf", target.toString()), target.getParent(), Map.of(), Duration.ofMinutes(2));
        }
        Files.createDirectories(target);
        ChildProcess.run(List.of("tar", "-xzf", archive.toString(), "-C", target.toString(), "--strip-components=1"),
                target, Map.of(), Duration.ofMinutes(5));
        Files.writeString(marker, source);
        return target;
    }
}
