package org.waybill.web;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CrossSiteRequestsTest {
    private static final String OWN = "https://waybill.example:8443";

    private static String refusal(String method, String origin, String referer, boolean basic) {
        return CrossSiteRequests.refusal(method, origin, referer, basic, OWN);
    }

    @Test
    void readsAlwaysPass() {
        assertNull(refusal("GET", "https://attacker.example", null, false));
        assertNull(refusal("head", null, null, false));
    }

    @Test
    void aChangeFromThisServersOwnPagesPasses() {
        assertNull(refusal("POST", "https://WAYBILL.example:8443", null, false));
        assertNull(refusal("DELETE", null, "https://waybill.example:8443/waybill/orders/view.xhtml?id=1", false));
        assertNull(CrossSiteRequests.refusal("POST", "https://waybill.example", null, false, "https://waybill.example:443"),
                "the default port may be left out");
    }

    @Test
    void aChangeFromAnyOtherOriginIsRefusedWhateverTheCredentials() {
        for (boolean basic : new boolean[] {false, true}) {
            String refusal = refusal("POST", "https://attacker.example", null, basic);
            assertTrue(refusal.contains("another site (https://attacker.example:443)"), refusal);
            assertNotNull(refusal("PUT", "http://waybill.example:8443", null, basic), "another scheme");
            assertNotNull(refusal("PATCH", "https://waybill.example:9443", null, basic), "another port");
            assertNotNull(refusal("POST", "null", null, basic), "an opaque origin");
            assertNotNull(refusal("POST", null, "https://waybill.example.attacker.example:8443/", basic));
            assertNotNull(refusal("POST", "https://attacker.example", OWN + "/waybill/", basic), "Origin wins over Referer");
        }
    }

    @Test
    void withoutOriginOrRefererOnlyOwnCredentialsPass() {
        assertNull(refusal("POST", null, null, true), "curl, a script: Basic credentials of their own");
        assertTrue(refusal("POST", null, null, false).contains("session cookie"));
    }
}
