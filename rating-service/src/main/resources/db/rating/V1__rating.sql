-- Rating: the communities' rating settings (a copy kept from CommunityConfigured), members, decayed local
-- trust per ordered pair, volumes per peer, and the current scores.

create table community_settings (
    id         text primary key,
    revision   bigint      not null,
    unit       text        not null,
    rating     jsonb       not null,
    updated_at timestamptz not null
);

create table member (
    community_id text        not null,
    peer_id      text        not null,
    joined_at    timestamptz not null,
    primary key (community_id, peer_id)
);

-- s_ij: truster i's decayed trust in trustee j (satisfied minus unsatisfied amount, or score-weighted),
-- brought forward lazily: value as of as_of, halving every half-life.
create table local_trust (
    community_id text             not null,
    truster      text             not null,
    trustee      text             not null,
    value        double precision not null,
    as_of        timestamptz      not null,
    primary key (community_id, truster, trustee)
);

create table peer_volume (
    community_id text   not null,
    peer_id      text   not null,
    provided     bigint not null default 0,
    consumed     bigint not null default 0,
    primary key (community_id, peer_id)
);

-- Contributions since the last recompute, per community: a recompute runs after N of them or on schedule.
create table recompute_state (
    community_id     text primary key,
    pending          bigint      not null default 0,
    last_computed_at timestamptz
);

create table rating (
    community_id   text             not null,
    peer_id        text             not null,
    scheme         text             not null,
    score          double precision not null,
    relative_score double precision not null,
    rank           int              not null,
    computed_at    timestamptz      not null,
    primary key (community_id, peer_id)
);
create index rating_by_rank on rating (community_id, rank);
