-- A community's own ranking of a file's holders, from its configuration (allocation.holderOrder); null: the
-- service's configured default.
alter table community add column holder_order text;
