-- Accounting: communities, peers and their keys, memberships, receipts, and the ledger.

create table community (
    id              text primary key,
    revision        bigint      not null,
    unit            text        not null check (unit in ('BYTES', 'SECONDS', 'CONSULTATIONS')),
    credits_enabled boolean     not null,
    price_per_unit  numeric(30, 9) not null check (price_per_unit >= 0),
    newcomer_grant  numeric(30, 6) not null check (newcomer_grant >= 0),
    overdraft_limit numeric(30, 6) not null check (overdraft_limit >= 0),
    rating          jsonb       not null,
    allocation      jsonb       not null,
    updated_at      timestamptz not null
);

create table peer (
    id                        text primary key,
    public_key                bytea       not null unique check (length(public_key) = 32),
    upload_bytes_per_second   bigint      not null check (upload_bytes_per_second > 0),
    download_bytes_per_second bigint      not null check (download_bytes_per_second > 0),
    registered_at             timestamptz not null
);

-- A challenge is used at most once and only before it expires.
create table registration_challenge (
    id          uuid primary key,
    nonce       bytea       not null,
    expires_at  timestamptz not null,
    consumed_at timestamptz
);
create index registration_challenge_expires_at on registration_challenge (expires_at);

-- One row per member: its running totals and its credit balance, updated in the receipt's transaction.
create table account (
    community_id      text           not null references community (id),
    peer_id           text           not null references peer (id),
    joined_at         timestamptz    not null,
    provided          bigint         not null default 0,
    consumed          bigint         not null default 0,
    receipts_provided bigint         not null default 0,
    receipts_consumed bigint         not null default 0,
    balance           numeric(30, 6) not null default 0,
    granted           numeric(30, 6) not null default 0,
    primary key (community_id, peer_id)
);

-- Accepted receipts; the id is the SHA-256 of the canonical bytes, so a replay cannot be stored twice.
create table receipt (
    id                 text primary key,
    community_id       text           not null,
    provider_id        text           not null,
    consumer_id        text           not null,
    amount             bigint         not null check (amount > 0),
    content_hash       text,
    started_at         timestamptz    not null,
    ended_at           timestamptz    not null,
    satisfied          boolean        not null,
    score              smallint check (score between 1 and 5),
    nonce              text           not null,
    provider_signature bytea          not null,
    consumer_signature bytea          not null,
    credits            numeric(30, 6),
    submitted_by       text           not null,
    recorded_at        timestamptz    not null,
    foreign key (community_id, provider_id) references account (community_id, peer_id),
    foreign key (community_id, consumer_id) references account (community_id, peer_id)
);
-- Statements: a peer's receipts in a community, in time order, by keyset (ended_at, id).
create index receipt_by_provider on receipt (community_id, provider_id, ended_at, id);
create index receipt_by_consumer on receipt (community_id, consumer_id, ended_at, id);

-- Totals per ordered pair (provider -> consumer): what local trust is made of.
create table pair_total (
    community_id     text   not null,
    provider_id      text   not null,
    consumer_id      text   not null,
    amount           bigint not null,
    satisfied_amount bigint not null,
    receipts         bigint not null,
    primary key (community_id, provider_id, consumer_id)
);

-- Double entry: every credit movement is a set of entries that sums to zero, except grants, the only
-- source of credits. So in every community: sum(account.balance) = sum(entries) = sum(grants).
create table ledger_entry (
    id           bigint generated always as identity primary key,
    community_id text           not null,
    peer_id      text           not null,
    kind         text           not null check (kind in ('GRANT', 'PAYMENT', 'PAYOFF')),
    delta        numeric(30, 6) not null,
    receipt_id   text,
    counterparty text,
    created_at   timestamptz    not null
);
create index ledger_entry_by_account on ledger_entry (community_id, peer_id, id);
