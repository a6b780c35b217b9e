-- Organizations, lifecycle environments (the Library one is created with each organization),
-- products, repositories with their optional remote, content units and repository versions.
create table organization (
    id          bigint generated always as identity primary key,
    label       text        not null unique,
    name        text        not null,
    description text,
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now()
);

create table lifecycle_environment (
    id              bigint generated always as identity primary key,
    organization_id bigint      not null references organization (id) on delete cascade,
    label           text        not null,
    name            text        not null,
    description     text,
    prior_id        bigint references lifecycle_environment (id),
    library         boolean     not null default false,
    created_at      timestamptz not null default now(),
    unique (organization_id, label),
    check (library = (prior_id is null))
);
create unique index lifecycle_environment_library_idx on lifecycle_environment (organization_id) where library;

create table product (
    id              bigint generated always as identity primary key,
    organization_id bigint      not null references organization (id) on delete cascade,
    label           text        not null,
    name            text        not null,
    description     text,
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    unique (organization_id, label)
);

create table repository (
    id                 bigint generated always as identity primary key,
    product_id         bigint      not null references product (id) on delete cascade,
    label              text        not null,
    name               text        not null,
    description        text,
    content_type       text        not null,
    latest_version     integer     not null default 0,
    remote_url         text,
    remote_ca_cert     text,
    remote_client_cert text,
    remote_client_key  text,
    remote_username    text,
    remote_password    text,
    remote_tls_verify  boolean     not null default true,
    created_at         timestamptz not null default now(),
    updated_at         timestamptz not null default now(),
    unique (product_id, label)
);

-- A content unit is immutable and shared by every repository that holds it.
create table content_unit (
    id            bigint generated always as identity primary key,
    content_type  text        not null,
    relative_path text        not null,
    sha256        text        not null check (sha256 ~ '^[0-9a-f]{64}$'),
    size          bigint      not null check (size >= 0),
    metadata      jsonb       not null default '{}',
    created_at    timestamptz not null default now()
);
create unique index content_unit_identity_idx on content_unit (content_type, relative_path, sha256, md5(metadata::text));
create index content_unit_sha256_idx on content_unit (sha256);

create table repository_version (
    id            bigint generated always as identity primary key,
    repository_id bigint      not null references repository (id) on delete cascade,
    number        integer     not null,
    unit_count    bigint      not null,
    total_size    bigint      not null,
    added_count   bigint      not null,
    removed_count bigint      not null,
    created_by    text,
    created_at    timestamptz not null default now(),
    unique (repository_id, number)
);

-- Which units a repository holds in which versions: a row is in version N when
-- version_added <= N and (version_removed is null or version_removed > N). Changes cost rows,
-- versions do not: a new version never copies the unchanged content.
create table repository_content (
    repository_id   bigint  not null references repository (id) on delete cascade,
    unit_id         bigint  not null references content_unit (id),
    relative_path   text    not null,
    version_added   integer not null,
    version_removed integer,
    check (version_removed is null or version_removed > version_added)
);
create unique index repository_content_current_idx on repository_content (repository_id, relative_path)
    where version_removed is null;
create index repository_content_path_idx on repository_content (repository_id, relative_path, version_added);
create index repository_content_added_idx on repository_content (repository_id, version_added);
create index repository_content_removed_idx on repository_content (repository_id, version_removed)
    where version_removed is not null;

-- Scratch rows of one change (an upload, a removal, a sync) while its transaction runs; set-based
-- SQL turns them into a repository version, then they are deleted. Unlogged: never needed after a crash.
create unlogged table content_staging (
    batch_id      uuid    not null,
    op            char(1) not null check (op in ('a', 'r')),
    relative_path text    not null,
    sha256        text,
    size          bigint,
    metadata      jsonb,
    unit_id       bigint
);
create index content_staging_batch_idx on content_staging (batch_id, relative_path);

-- Resumable uploads: the bytes received so far live in <data>/uploads/<id>; the offset is that file's size.
create table upload (
    id         uuid primary key,
    size       bigint      not null check (size >= 0),
    created_by text        not null,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
);
