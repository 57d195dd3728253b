package org.waybill.bench;

import java.util.List;

/** A figure measured several times: its median and its range. */
public record Spread(double median, double min, double max) {
    public static Spread of(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no values");
        }
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        double median = sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
        return new Spread(median, sorted.get(0), sorted.get(sorted.size() - 1));
    }

    /** "min–max", in events/s. */
    String range() {
        return String.format("%,.0f–%,.0f", min, max);
    }
}
