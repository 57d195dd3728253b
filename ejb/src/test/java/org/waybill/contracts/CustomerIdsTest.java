package org.waybill.contracts;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every accepted id yields a deliverable address; the ids that left orders unfinishable are refused. */
class CustomerIdsTest {
    private static final Pattern RULE = Pattern.compile(CustomerIds.PATTERN);

    @ParameterizedTest
    @ValueSource(strings = {"alice", "olivia", "drill-17", "a.b_c+d", "ALICE2", "alice@example.com",
            "first.last+tag@mail.example.co.uk", "x@a-b.c"})
    void acceptsUserNamesAndAddresses(String id) {
        assertTrue(RULE.matcher(id).matches(), id);
    }

    @ParameterizedTest
    @ValueSource(strings = {"probe user", "<b>x</b>", "a@b@c", "a..b", ".alice", "alice.", "alice@localhost",
            "alice@-bad.com", "alice@bad-.com", "alice@example..com", "al\u0000ice", "alice\n", "al\u00efce", " ",
            "@example.com", "alice@", "x'); drop table orders;--",
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
    void refusesIdsNoMailServerTakes(String id) {
        assertFalse(RULE.matcher(id).matches(), id);
    }
}
