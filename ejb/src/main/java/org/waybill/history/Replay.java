package org.waybill.history;

import java.util.UUID;

/** What a replay sent: how many events, under which replay id, to which topic. */
public record Replay(UUID replayId, long events, String destination) {
}
