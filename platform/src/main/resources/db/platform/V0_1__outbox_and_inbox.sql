-- Event plumbing tables, created in every service's own schema (see quidpro-platform.yml).
-- Platform migrations are numbered below 1 so a service's own migrations (V1, V2, ...) follow them;
-- out-of-order is on so a later platform migration can still join an existing schema.

-- Transactional outbox: written in the same transaction as the state change it reports.
create table outbox_event (
    id           bigint generated always as identity primary key,
    event_id     uuid        not null unique,
    event_type   text        not null,
    topic        text        not null,
    event_key    text        not null,
    payload      text        not null, -- the exact document the codec produced (jsonb would reorder it)
    occurred_at  timestamptz not null,
    created_at   timestamptz not null default now(),
    published_at timestamptz
);
-- The relay reads unpublished rows in commit order; the purge deletes old published ones.
create index outbox_event_unpublished on outbox_event (id) where published_at is null;
create index outbox_event_published_at on outbox_event (published_at) where published_at is not null;

-- Idempotent consumers: one row per (consumer, event) applied, written with the handler's changes.
create table processed_event (
    consumer     text        not null,
    event_id     uuid        not null,
    processed_at timestamptz not null default now(),
    primary key (consumer, event_id)
);
create index processed_event_processed_at on processed_event using brin (processed_at);
