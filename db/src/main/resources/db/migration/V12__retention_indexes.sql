-- The retention purge (RetentionPurge) deletes old rows in batches by age: each table it purges needs its age column
-- indexed, or every batch would scan the whole table. event_log (occurred_at), operator_actions (at) and
-- step_statistics (bucket, the primary key's first column) have theirs already.
CREATE INDEX inbox_processed_idx ON inbox (processed_at);
