-- Export history: one row per export run, the repository versions it captured (its state, the base
-- of later incrementals), the blobs it carried (and their parts when split across volumes) and the
-- volumes it wrote.
create table export (
    id                   bigint generated always as identity primary key,
    organization_id      bigint      not null references organization (id) on delete cascade,
    scope_type           text        not null check (scope_type in ('content_view_version', 'library', 'repository')),
    scope_key            text        not null,
    scope                jsonb       not null,
    type                 text        not null check (type in ('complete', 'incremental')),
    base_export_id       bigint references export (id) on delete set null,
    base_manifest_sha256 text,
    base_since           timestamptz,
    destination          text        not null,
    format               text        not null check (format in ('dir', 'tgz', 'iso')),
    compression          text        not null,
    volume_size          bigint,
    location             text,
    status               text        not null check (status in ('running', 'complete', 'failed', 'canceled')),
    unit_count           bigint      not null default 0,
    blob_count           bigint      not null default 0,
    blob_bytes           bigint      not null default 0,
    total_size           bigint,
    manifest_sha256      text,
    error                text,
    task_id              uuid,
    created_by           text,
    created_at           timestamptz not null default now(),
    finished_at          timestamptz
);
create index export_scope_idx on export (organization_id, scope_key, destination, id);
create index export_base_idx on export (base_export_id);

create table export_repository (
    export_id     bigint  not null references export (id) on delete cascade,
    repository_id bigint  not null references repository (id) on delete cascade,
    version       integer not null,
    primary key (export_id, repository_id)
);
create index export_repository_repo_idx on export_repository (repository_id);

-- volume is null for a blob split into parts (see export_part)
create table export_blob (
    export_id bigint  not null references export (id) on delete cascade,
    sha256    text    not null,
    size      bigint  not null,
    volume    integer,
    primary key (export_id, sha256)
);

create table export_part (
    export_id   bigint  not null references export (id) on delete cascade,
    sha256      text    not null,
    part        integer not null,
    volume      integer not null,
    part_offset bigint  not null,
    size        bigint  not null,
    part_sha256 text    not null,
    primary key (export_id, sha256, part)
);

create table export_volume (
    export_id  bigint  not null references export (id) on delete cascade,
    number     integer not null,
    name       text    not null,
    size       bigint  not null,
    sha256     text    not null,
    blob_count bigint  not null,
    primary key (export_id, number)
);
