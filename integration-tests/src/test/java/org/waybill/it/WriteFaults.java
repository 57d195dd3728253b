package org.waybill.it;

import static org.waybill.it.TestStack.db;

/**
 * A fault injected into the suite's database: every insert or update of a table that meets a condition fails, and is
 * counted. One at a time; a test that injects one removes it after itself ({@link #remove()}). Unlike a gateway that
 * fails a fixed number of times, it holds a step back for as long as the test needs, however slow the machine.
 */
final class WriteFaults {
    private WriteFaults() {
    }

    static void failWrites(String table, String condition) {
        db().execute("CREATE SEQUENCE it_failures");
        db().execute("""
                CREATE FUNCTION it_fail() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM nextval('it_failures');
                    RAISE EXCEPTION 'injected fault: % cannot be written', TG_TABLE_NAME;
                END $$""");
        db().execute("CREATE TRIGGER it_fail BEFORE INSERT OR UPDATE ON " + table + " FOR EACH ROW WHEN (" + condition
                + ") EXECUTE FUNCTION it_fail()");
    }

    /** How many writes failed so far. */
    static long failures() {
        return db().number("SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM it_failures");
    }

    /** The writes succeed again; the count stays readable. */
    static void heal() {
        db().execute("DROP FUNCTION IF EXISTS it_fail() CASCADE");
    }

    static void remove() {
        heal();
        db().execute("DROP SEQUENCE IF EXISTS it_failures");
    }
}
