package org.waybill.load;

/** Small helpers shared by the drills and the benchmark. */
public final class Load {
    private Load() {
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The p-quantile (0..1) of sorted values, nearest rank; 0 for none. */
    public static long percentile(java.util.List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int index = (int) Math.min(sorted.size() - 1, Math.ceil(p * sorted.size()) - 1);
        return sorted.get(Math.max(0, index));
    }
}
