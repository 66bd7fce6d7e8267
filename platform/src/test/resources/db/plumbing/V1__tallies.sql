-- The state of the plumbing test application: a tally changed by commands, and its mirror kept
-- by consuming the events the tally publishes.
create table tally (name text primary key, total bigint not null);
create table tally_mirror (name text primary key, total bigint not null, applications int not null);
