package org.waybill.messaging;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's events catalogue is the generated one. Run with {@value #WRITE}=true to rewrite it in place (the
 * command is in the failure message); nothing else changes the README.
 */
class EventsCatalogueInReadmeTest {
    static final String WRITE = "waybill.catalogue.write";
    /** The tests run in the module's folder (ejb); the README is the project's. */
    private static final Path README = Path.of("..", "README.md");

    @Test
    void theReadmesCatalogueIsTheGeneratedOne() throws Exception {
        String readme = Files.readString(README);
        int begin = readme.indexOf(EventsCatalogue.BEGIN);
        int end = readme.indexOf(EventsCatalogue.END);
        assertTrue(begin >= 0 && end > begin, "README.md has no events catalogue between " + EventsCatalogue.BEGIN
                + " and " + EventsCatalogue.END);
        String generated = EventsCatalogue.markdown();
        String current = readme.substring(begin, end + EventsCatalogue.END.length());
        if (Boolean.getBoolean(WRITE) && !generated.equals(current)) {
            Files.writeString(README, readme.substring(0, begin) + generated + readme.substring(end + EventsCatalogue.END.length()));
            current = generated;
        }
        assertEquals(generated, current, "README.md's events catalogue is not the one the schemas make; regenerate it with\n"
                + "  ./mvnw -o -q test -pl ejb -am -Dtest=EventsCatalogueInReadmeTest -Dsurefire.failIfNoSpecifiedTests=false -D"
                + WRITE + "=true\n");
    }
}
