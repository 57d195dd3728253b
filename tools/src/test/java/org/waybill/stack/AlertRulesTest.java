package org.waybill.stack;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Prometheus's own checks of the alert rules, with promtool (Debian's prometheus package): the rules file is valid
 * (syntax, PromQL, templates), and its unit tests (server-config/prometheus/waybill-rules.test.yml) pass: each alert
 * fires on series that should trigger it, with its labels and annotations, and stays silent on series that should
 * not; the example configuration (server-config/prometheus/prometheus.yml) is valid and loads the rules. The files are
 * those of the server-config jar, as the build packages them.
 */
class AlertRulesTest {
    private static final String TESTS = "waybill-rules.test.yml";
    /** The README's ready-to-use configuration for a started system. */
    private static final String CONFIG = "prometheus.yml";

    @TempDir
    static Path folder;

    @BeforeAll
    static void promtoolAndTheFiles() throws IOException {
        SystemTool.require("the promtool checks of the alert rules", SystemTool.PROMTOOL);
        for (String file : List.of(LocalPrometheus.RULES, TESTS, CONFIG)) {
            Files.writeString(folder.resolve(file), ServerConfigFiles.read("prometheus/" + file));
        }
    }

    @Test
    void theRulesAreValid() throws Exception {
        String output = promtool("check", "rules", LocalPrometheus.RULES);
        assertTrue(output.contains("SUCCESS"), output);
    }

    @Test
    void eachAlertFiresWhenItShouldAndOnlyThen() throws Exception {
        String output = promtool("test", "rules", TESTS);
        assertTrue(output.contains("SUCCESS"), output);
    }

    @Test
    void theExampleConfigurationIsValidAndLoadsTheRules() throws Exception {
        String output = promtool("check", "config", CONFIG);
        assertTrue(output.contains("SUCCESS: " + CONFIG + " is valid") && output.contains("SUCCESS: 1 rule files found"),
                output);
    }

    /** Runs promtool in the folder with the files; its output is the failure when it does not exit 0. */
    private static String promtool(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(SystemTool.PROMTOOL.path().toString()));
        command.addAll(List.of(arguments));
        return ChildProcess.capture(command, folder);
    }
}
