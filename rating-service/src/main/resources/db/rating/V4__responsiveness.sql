-- The coalition paper's per-peer quantities (ICAART 2011, eqs. 8-10): Up, utility earned lending bandwidth
-- in coalitions; Dp, utility consumed as a downloader (both in seconds saved, from CoalitionSettled); Fs,
-- files shared (from FilesAnnounced / FilesWithdrawn). Up and Dp decay with the community's half-life,
-- lazily like local trust: brought forward only when added to or read.
create table peer_utility (
    community_id  text             not null,
    peer_id       text             not null,
    earned        double precision not null default 0,
    consumed      double precision not null default 0,
    files_shared  bigint           not null default 0,
    as_of         timestamptz      not null,
    primary key (community_id, peer_id)
);
