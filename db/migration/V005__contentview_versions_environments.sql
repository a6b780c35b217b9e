-- Content views, their immutable versions (pinning repository versions) and which version each
-- lifecycle environment holds.
create table content_view (
    id              bigint generated always as identity primary key,
    organization_id bigint      not null references organization (id) on delete cascade,
    label           text        not null,
    name            text        not null,
    description     text,
    import_only     boolean     not null default false,
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    unique (organization_id, label)
);

create table content_view_repository (
    content_view_id bigint not null references content_view (id) on delete cascade,
    repository_id   bigint not null references repository (id) on delete cascade,
    primary key (content_view_id, repository_id)
);
create index content_view_repository_repo_idx on content_view_repository (repository_id);

create table content_view_version (
    id              bigint generated always as identity primary key,
    content_view_id bigint      not null references content_view (id) on delete cascade,
    major           integer     not null,
    minor           integer     not null default 0,
    description     text,
    unit_count      bigint      not null,
    total_size      bigint      not null,
    created_by      text,
    created_at      timestamptz not null default now(),
    unique (content_view_id, major, minor)
);

-- The repository versions a content view version pins. A pinned repository cannot be deleted.
create table content_view_version_repository (
    content_view_version_id bigint  not null references content_view_version (id) on delete cascade,
    repository_id           bigint  not null references repository (id),
    repository_version      integer not null,
    primary key (content_view_version_id, repository_id)
);
create index cvv_repository_repo_idx on content_view_version_repository (repository_id);

create table environment_content_view (
    environment_id          bigint      not null references lifecycle_environment (id) on delete cascade,
    content_view_id         bigint      not null references content_view (id) on delete cascade,
    content_view_version_id bigint      not null references content_view_version (id),
    promoted_by             text,
    promoted_at             timestamptz not null default now(),
    primary key (environment_id, content_view_id)
);
create index environment_content_view_version_idx on environment_content_view (content_view_version_id);
