package org.waybill.contracts;

/**
 * What a customer id may be, checked when an order is placed so that every area can rely on it: the receipt is
 * sent to an address derived from it, and an id no mail server can take would leave the order unfinishable. A
 * customer id is a user name (letters, digits and {@code _ + -}, in parts joined by single dots, at most 64
 * characters), or an e-mail address whose local part is such a name and whose domain is a host name with at least
 * one dot.
 */
public final class CustomerIds {
    private static final String LABEL = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?";
    /**
     * For {@code jakarta.validation.constraints.Pattern}. It lets the empty id through, which {@code @NotBlank}
     * refuses with its own message. The length (at most 100) is checked first, so a long id is refused at once
     * instead of taking the engine through one recursion per part.
     */
    public static final String PATTERN = "|(?=.{1,100}$)(?=[^@]{1,64}(?:@|$))[A-Za-z0-9_+-]+(?:\\.[A-Za-z0-9_+-]+)*"
            + "(?:@" + LABEL + "(?:\\." + LABEL + ")+)?";
    public static final String RULE = "must be a user name (letters, digits, _ + - and single dots) or an e-mail address";

    private CustomerIds() {
    }
}
