package org.waybill.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class WarmUpTest {
    /** The probe's drains of 2026-12-01: steady only once a drain is within 10% of the one before. */
    @Test
    void steadyOnceADrainIsWithinTenPercentOfTheOneBefore() {
        WarmUp warmUp = new WarmUp();
        assertEquals(List.of(false, false, true, true, false),
                List.of(8_202.0, 14_379.0, 15_751.0, 17_041.0, 19_702.0).stream().map(warmUp::steady).toList());
    }
}
