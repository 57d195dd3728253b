-- The relay's claim reads unpublished rows in id order only (outbox_unpublished_idx). This index let the planner,
-- with statistics that lag behind a sudden backlog, sort the whole backlog for every batch; it serves nothing else
-- (an aggregate's history reads outbox_aggregate_idx), and each insert and publish had to maintain it.
DROP INDEX outbox_unpublished_aggregate_idx;
