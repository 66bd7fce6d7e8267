-- Sign-in challenges: a peer signs one with its registered key to get a token. Shared by every replica,
-- used once, short-lived.
create table auth_challenge (
    id          uuid        primary key,
    peer_id     text        not null,
    message     text        not null,
    expires_at  timestamptz not null,
    used_at     timestamptz
);
create index auth_challenge_expiry on auth_challenge (expires_at);
