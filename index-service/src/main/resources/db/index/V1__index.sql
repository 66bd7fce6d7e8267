-- The supernode index: files by content hash, who holds them until when, and the holders' ratings.
-- Trigram matching (pg_trgm, a trusted contrib extension) serves literal substring search on names and
-- tags through a GIN index; word_similarity ranks the matches.
create extension if not exists pg_trgm;

-- The communities the index serves, kept from CommunityConfigured.
create table community (
    id         text primary key,
    revision   bigint      not null,
    updated_at timestamptz not null
);

create table file (
    community_id       text        not null,
    content_hash       text        not null,
    size_bytes         bigint      not null check (size_bytes >= 0),
    name               text        not null,
    mime_type          text,
    tags               text[]      not null default '{}',
    search_text        text        not null,
    first_announced_at timestamptz not null,
    primary key (community_id, content_hash)
);
create index file_search on file using gin (search_text gin_trgm_ops);

-- A peer holds a file until expires_at unless it announces again (a tracker's announce interval).
create table holder (
    community_id  text        not null,
    content_hash  text        not null,
    peer_id       text        not null,
    upload_bps    bigint      not null check (upload_bps >= 0),
    announced_at  timestamptz not null,
    expires_at    timestamptz not null,
    primary key (community_id, content_hash, peer_id)
);
create index holder_by_peer on holder (community_id, peer_id);
create index holder_expiry on holder (expires_at);

-- The rating service's relative scores (1 = the community's average peer), from RatingChanged.
create table peer_rating (
    community_id   text             not null,
    peer_id        text             not null,
    relative_score double precision not null,
    rated_at       timestamptz      not null,
    primary key (community_id, peer_id)
);
