package org.waybill.drill;

import org.junit.jupiter.api.Test;
import org.waybill.load.OrderClients.Refusal;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.waybill.load.OrderClients.NO_ANSWER;

/** What the scale-out drill reports of the clients during a fault. */
class ClientsDuringTest {
    private static final long S = 1_000_000_000L;

    @Test
    void anOrderRefusedAgainAndAgainIsOneOrderRefused() {
        ClientsDuring seen = new ClientsDuring(0, 10 * S, List.of(new Refusal(7, S, "503"), new Refusal(7, 2 * S, "503"),
                new Refusal(7, 3 * S, NO_ANSWER), new Refusal(9, 3 * S, "503")), List.of());
        assertEquals(2, seen.ordersRefused());
        assertEquals(Map.of("503", 3L, NO_ANSWER, 1L), seen.causes());
        assertEquals("2 orders refused (4 requests: 503 x 3, no answer x 1)", seen.refusedSummary());
    }

    @Test
    void theLongestPauseCountsFromTheStartAndToTheEnd() {
        assertEquals(4.0, new ClientsDuring(0, 10 * S, List.of(), List.of(4 * S, 5 * S, 8 * S)).longestPause());
        assertEquals(5.0, new ClientsDuring(0, 10 * S, List.of(), List.of(S, 2 * S, 5 * S)).longestPause());
        assertEquals(10.0, new ClientsDuring(0, 10 * S, List.of(), List.of()).longestPause());
    }

    @Test
    void theFirstAcceptanceCountsFromTheStart() {
        assertEquals(1.5, new ClientsDuring(S, 10 * S, List.of(), List.of(5 * S / 2, 3 * S)).firstAcceptance());
        assertEquals(-1, new ClientsDuring(S, 10 * S, List.of(), List.of()).firstAcceptance());
    }
}
