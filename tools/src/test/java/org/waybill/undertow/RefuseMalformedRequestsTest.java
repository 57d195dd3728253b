package org.waybill.undertow;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

class RefuseMalformedRequestsTest {
    private static String basic(String text) {
        return "Basic " + Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/waybill/api/orders/{0b2f5bde-7b8a-4d8e-9a39-2f0c1c1e3a10}", "/a|b", "/a^b", "/a`b", "/a<b>",
            "/a\"b", "/a\\b", "/a#b", "/\u00c3\u00a9", "/a\u0001b", "/a\u007fb", "/%ZZ", "/%", "/%4", "/a?x=%G0",
            "/a?x={", "/%00", "/x/%0a", "/%1F", "/%7f"})
    void refusesTargetsAUrlCannotHold(String target) {
        assertNotNull(RefuseMalformedRequests.targetRefusal(target, target.split("\\?")[0]), target);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/waybill/api/orders", "/a%20b?x=a+b%2B&y=%7B%7D", "/a;jsessionid=x", "/x%2Fy",
            "/a%C2%85", "/o?customerId=a%00b", "/~!$&'()*+,;=:@-._", "*"})
    void passesWellFormedTargets(String target) {
        assertNull(RefuseMalformedRequests.targetRefusal(target, target.split("\\?")[0]), target);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Basic %%%", "Basic", "basic ", "Basic a", "Basic YQ", "Basic  YTpi", "Basic\tYTpi",
            "Basic YTpi ", "Basic \u00e9", "Basic bm9jb2xvbg==", "Basic OnB3", "Basic /w==", "BASIC %%%"})
    void refusesBasicHeadersThatAreNotCredentials(String authorization) {
        assertNotNull(RefuseMalformedRequests.basicRefusal(authorization), authorization);
    }

    @ParameterizedTest
    @ValueSource(strings = {"u:p", "operator:s3cret:with:colons", "ünïcode:pässword", "u:"})
    void passesBasicCredentials(String userAndPassword) {
        assertNull(RefuseMalformedRequests.basicRefusal(basic(userAndPassword)));
        assertNull(RefuseMalformedRequests.basicRefusal(basic(userAndPassword).replace("Basic", "basic")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer abc", "Basically", "Digest username=\"x\"", "%%%"})
    void leavesOtherSchemesToTheMechanisms(String authorization) {
        assertNull(RefuseMalformedRequests.basicRefusal(authorization), authorization);
    }
}
