-- Communities the coalition service serves, with their coalition settings (from CommunityConfigured's
-- allocation.coalition section).
create table community (
    id                    text        primary key,
    revision              bigint      not null,
    max_members           int         not null,
    settle_within_seconds bigint      not null,
    updated_at            timestamptz not null
);

-- One planned download coalition and, once settled, its outcome.
create table coalition (
    id                  uuid             primary key,
    community_id        text             not null,
    requester           text             not null,
    content_hash        text             not null,
    first_byte          bigint           not null,
    last_byte           bigint           not null,
    download_bps        bigint           not null,
    bonus               double precision not null,
    usable_bps          bigint           not null,
    solo_seconds        double precision not null,
    coalition_seconds   double precision not null,
    value_seconds       double precision not null,
    status              text             not null check (status in ('OPEN', 'COMPLETE', 'EXPIRED')),
    formed_at           timestamptz      not null,
    settle_by           timestamptz      not null,
    settled_at          timestamptz,
    realised_value      double precision
);
-- Receipts find the open coalitions of a requester and file; expiry finds the overdue ones.
create index coalition_open_by_download on coalition (community_id, requester, content_hash, formed_at)
    where status = 'OPEN';
create index coalition_open_by_deadline on coalition (settle_by) where status = 'OPEN';

create table coalition_member (
    coalition_id     uuid             not null references coalition (id),
    position         int              not null,
    peer_id          text             not null,
    role             text             not null check (role in ('INITIAL_UPLOADER', 'HELPER')),
    advertised_bps   bigint           not null,
    rate_bps         bigint           not null,
    first_byte       bigint           not null,
    last_byte        bigint           not null,
    payoff_seconds   double precision not null,
    received_bytes   bigint           not null default 0,
    realised_payoff  double precision,
    primary key (coalition_id, position)
);
create index coalition_member_by_peer on coalition_member (peer_id, coalition_id);
