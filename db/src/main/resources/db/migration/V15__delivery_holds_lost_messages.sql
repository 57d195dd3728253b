-- A hold names the earliest event of its order not done at its consumer: one that failed there, or one a later event
-- waits for. If that event's message was deleted outside Waybill (e.g. in the Artemis console), nothing would ever
-- release the hold. event_seen_at is when the consumer last had the event itself in hand (a failed attempt of it);
-- a hold quiet for long, whose event is in neither the queue nor its dead-letter queue on two checks in a row
-- (suspected_lost_at: since the first), is released as lost (deadletters.LostMessages).
ALTER TABLE delivery_holds
    ADD COLUMN event_seen_at     timestamptz,
    ADD COLUMN suspected_lost_at timestamptz;
UPDATE delivery_holds SET event_seen_at = since;
