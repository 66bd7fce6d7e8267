-- The allocation part of each community's configuration, beside the rating part.
alter table community_settings add column allocation jsonb not null default '{}';
