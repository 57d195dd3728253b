package org.waybill.stack;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * A program from the system's packages that some tests need (Debian's chromium, prometheus ...; .ci/run installs
 * them). Without it those tests are skipped and say so loudly; with CI set they fail instead, so CI never passes
 * without them. An environment variable names another binary.
 *
 * @param path           where the binary is: the variable's value, or the Debian package's path
 * @param variable       the environment variable that names another binary
 * @param debianPackage  the Debian package that provides it
 */
public record SystemTool(Path path, String variable, String debianPackage) {
    /** Scrapes WildFly and the broker in PrometheusScrapeIT and LocalPrometheusTest. */
    public static final SystemTool PROMETHEUS = of("/usr/bin/prometheus", "WAYBILL_PROMETHEUS", "prometheus");
    /** Checks and unit-tests the alert rules (AlertRulesTest). */
    public static final SystemTool PROMTOOL = of("/usr/bin/promtool", "WAYBILL_PROMTOOL", "prometheus");

    public static SystemTool of(String debianPath, String variable, String debianPackage) {
        return new SystemTool(Path.of(System.getenv().getOrDefault(variable, debianPath)), variable, debianPackage);
    }

    public boolean installed() {
        return Files.isExecutable(path);
    }

    /** Call first thing (e.g. in @BeforeAll): skips {@code tests} loudly, or fails them in CI, if a tool is missing. */
    public static void require(String tests, SystemTool... tools) {
        List<SystemTool> missing = Arrays.stream(tools).filter(t -> !t.installed()).toList();
        if (missing.isEmpty()) {
            return;
        }
        String message = "No " + missing.stream().map(t -> t.path().toString()).collect(Collectors.joining(" or "))
                + ": install Debian's " + missing.stream().map(SystemTool::debianPackage).distinct()
                .collect(Collectors.joining(" and ")) + " (.ci/run does), or name " + (missing.size() == 1 ? "it" : "them") + " with "
                + missing.stream().map(SystemTool::variable).collect(Collectors.joining(" and ")) + ".";
        if (System.getenv("CI") != null) {
            fail(message + " CI must run " + tests + ".");
        }
        System.err.println("\n!!!!!!!! " + tests.toUpperCase() + " NOT RUN !!!!!!!!\n" + message + "\n");
        Assumptions.abort(message);
    }
}
