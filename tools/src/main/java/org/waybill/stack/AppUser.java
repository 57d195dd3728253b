package org.waybill.stack;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * A user of the screens and the API, as WildFly's ApplicationRealm keeps them: the password only as the digest
 * {@code MD5(name:ApplicationRealm:password)} in application-users.properties, the roles in
 * application-roles.properties.
 */
public record AppUser(String name, String password, List<String> roles) {
    static final String REALM = "ApplicationRealm";
    static final Set<String> ROLES = Set.of("customer", "operator", "admin");
    /** The development users of the start command and the tests, unless WAYBILL_USERS names others. */
    static final String DEVELOPMENT_USERS = "alice:alice:customer,bob:bob:customer,olivia:olivia:operator,admin:admin:admin";

    /** Parses {@code name:password:role[+role...],...}, e.g. {@code carol:s3cret:customer,ops:pw:operator+admin}. */
    static List<AppUser> parse(String spec) {
        List<AppUser> users = new ArrayList<>();
        for (String entry : spec.split(",")) {
            String[] parts = entry.trim().split(":", 3);
            if (parts.length != 3 || !parts[0].matches("[A-Za-z0-9._@-]{1,100}") || parts[1].isEmpty()) {
                throw new IllegalArgumentException("WAYBILL_USERS entries are name:password:role[+role], not '" + entry
                        + "' (names of letters, digits and . _ @ -)");
            }
            List<String> roles = List.of(parts[2].split("\\+"));
            if (!ROLES.containsAll(roles)) {
                throw new IllegalArgumentException("WAYBILL_USERS: roles of " + parts[0] + " must be among " + ROLES);
            }
            users.add(new AppUser(parts[0], parts[1], roles));
        }
        return List.copyOf(users);
    }

    /** The line of application-users.properties. */
    String usersLine() {
        try {
            byte[] digest = MessageDigest.getInstance("MD5")
                    .digest((name + ":" + REALM + ":" + password).getBytes(StandardCharsets.UTF_8));
            return name + "=" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The line of application-roles.properties. */
    String rolesLine() {
        return name + "=" + String.join(",", roles);
    }

    @Override
    public String toString() {
        return name + "/****" + roles;
    }
}
