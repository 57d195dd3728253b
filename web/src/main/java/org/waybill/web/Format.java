package org.waybill.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import org.waybill.contracts.ShippingAddress;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/** How the screens write times, durations, amounts and ids. Times are UTC, like the API's. */
@Named("format")
@ApplicationScoped
public class Format {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    public String time(Instant instant) {
        return instant == null ? "" : TIME.format(instant);
    }

    /** An ISO-8601 instant carried as text (a message property); shown as is if it is something else. */
    public String time(String iso) {
        if (iso == null) {
            return "";
        }
        try {
            return time(Instant.parse(iso));
        } catch (java.time.format.DateTimeParseException e) {
            return iso;
        }
    }

    /** How long ago, roughly: "4 s", "12 min", "3 h". */
    public String ago(Instant instant) {
        return instant == null ? "" : duration(Duration.between(instant, Instant.now()).toMillis());
    }

    public String duration(Long millis) {
        if (millis == null) {
            return "–";
        }
        if (millis < 1_000) {
            return millis + " ms";
        }
        long seconds = millis / 1_000;
        return seconds < 120 ? seconds + " s" : seconds < 7_200 ? seconds / 60 + " min" : seconds / 3_600 + " h";
    }

    public String money(BigDecimal amount) {
        return amount == null ? "" : amount.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    /** On one line; an order without one says so. */
    public String address(ShippingAddress a) {
        return a == null ? "no address given"
                : a.name() + ", " + a.street() + ", " + a.postalCode() + " " + a.city() + ", " + a.country();
    }

    public String millis(double millis) {
        return String.format(java.util.Locale.ROOT, "%.1f ms", millis);
    }

    public String percent(double share) {
        return String.format(java.util.Locale.ROOT, "%.1f %%", share * 100);
    }

    /** The first block of a UUID: enough to tell orders apart on a screen. */
    public String shortId(UUID id) {
        return id == null ? "" : id.toString().substring(0, 8);
    }
}
