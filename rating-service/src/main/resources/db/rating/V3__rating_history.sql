-- Newcomers (nothing provided or consumed yet) stand at their community's newcomer score.
alter table rating add column newcomer boolean not null default false;

-- Every recompute appends a snapshot of the community's scores. Partitioned by day on computed_at, so
-- retention drops whole partitions (RatingHistory creates them ahead and drops expired ones) instead of
-- deleting rows. A peer's series reads rating_history_peer; a community's snapshot at an instant reads
-- rating_history_snapshot; analysts scanning time ranges across communities get the small BRIN index,
-- which suits rows appended in time order.
create table rating_history (
    community_id   text             not null,
    peer_id        text             not null,
    scheme         text             not null,
    score          double precision not null,
    relative_score double precision not null,
    rank           int              not null,
    newcomer       boolean          not null,
    computed_at    timestamptz      not null
) partition by range (computed_at);
create index rating_history_peer on rating_history (community_id, peer_id, computed_at);
create index rating_history_snapshot on rating_history (community_id, computed_at, rank);
create index rating_history_time on rating_history using brin (computed_at);

-- Read-only views for analysts who prefer SQL (documented in the README). Grant the role
-- quidpro_analyst to a login role to use them; it can read these views and nothing else here.
create view analyst_current_rating as
    select community_id, peer_id, scheme, score, relative_score, rank, newcomer, computed_at from rating;
create view analyst_rating_history as
    select community_id, peer_id, scheme, score, relative_score, rank, newcomer, computed_at from rating_history;
create view analyst_rating_daily as
    select community_id, peer_id, date_trunc('day', computed_at) as day,
           min(score) as min_score, max(score) as max_score,
           (array_agg(score order by computed_at desc))[1] as last_score,
           (array_agg(rank order by computed_at desc))[1] as last_rank,
           count(*) as snapshots
    from rating_history group by community_id, peer_id, date_trunc('day', computed_at);

-- The role is created when the migrating user may create roles (the local run's superuser may); where it
-- may not, a DBA creates it and runs the grants below (README, "Rating history in SQL").
do $$
begin
    if not exists (select from pg_roles where rolname = 'quidpro_analyst') then
        begin
            create role quidpro_analyst nologin;
        exception when insufficient_privilege then
            raise notice 'cannot create role quidpro_analyst: a DBA creates it and grants the analyst views';
        end;
    end if;
    if exists (select from pg_roles where rolname = 'quidpro_analyst') then
        execute format('grant usage on schema %I to quidpro_analyst', current_schema());
        grant select on analyst_current_rating, analyst_rating_history, analyst_rating_daily to quidpro_analyst;
    end if;
end
$$;
