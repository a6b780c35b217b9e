-- Upstream sync: per organization, the Ferry server it follows (over HTTPS with this server's client
-- certificate, trust/upstream/) and what it follows there.
create table upstream_config (
    organization_id       bigint      primary key references organization (id) on delete cascade,
    url                   text        not null,
    upstream_organization text        not null,
    follow                text        not null check (follow in ('library', 'environment', 'content-views')),
    environment           text,
    content_views         text[]      not null default '{}',
    updated_by            text        not null,
    updated_at            timestamptz not null default now()
);
