package org.waybill.history;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import java.util.UUID;

/**
 * Re-publishes past events, of one order or of a time range, to the replay topic, where analytics subscribers read
 * them; the workflow does not listen there, so a replay changes nothing in Waybill. A request is recorded first, in
 * a transaction of its own that commits before the background sender starts; the answer is the replay as it is then.
 * With an Idempotency-Key, the same request again answers with that replay and never starts a second sender while
 * one runs; a replay that stopped half-way is resumed from its last page.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ReplayService {
    @Inject
    Replays replays;

    @Inject
    ReplaySender senders;

    /** What a request got; {@code repeated} when the caller asked for this replay before with the same key. */
    public record Requested(Replay replay, boolean repeated) {
    }

    public Requested request(ReplayRequest request, String requestedBy, String idempotencyKey) {
        Replays.Opened opened = replays.open(request, requestedBy, idempotencyKey);
        if (opened.sender() != null) {
            senders.send(opened.replay().replayId(), opened.sender(), opened.resumed());
        }
        return new Requested(opened.replay(), opened.repeated());
    }

    public Replay find(UUID id) {
        return replays.find(id);
    }
}
