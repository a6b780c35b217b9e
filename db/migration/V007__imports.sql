-- Import history: one row per import attempt. Content changes of an import are applied in one
-- transaction that also marks its row succeeded; a failed attempt keeps its row (status failed)
-- and changes nothing else. An export is imported at most once per organization (the unique index).
create table import_record (
    id                   bigint generated always as identity primary key,
    organization_id      bigint      not null references organization (id) on delete cascade,
    status               text        not null check (status in ('running', 'succeeded', 'failed')),
    location             text        not null,
    format               text,
    source_server_id     text,
    source_server_name   text,
    source_version       text,
    source_export_id     bigint,
    manifest_sha256      text,
    type                 text,
    base_export_id       bigint,
    base_manifest_sha256 text,
    base_since           timestamptz,
    scope_kind           text,
    scope                jsonb       not null default '{}',
    volumes              integer,
    units                bigint,
    blobs                bigint,
    bytes                bigint,
    blobs_stored         bigint,
    bytes_stored         bigint,
    result               jsonb,
    error_code           text,
    error_detail         text,
    task_id              uuid,
    created_by           text        not null,
    started_at           timestamptz not null default now(),
    finished_at          timestamptz
);
create unique index import_record_done_idx on import_record (organization_id, source_server_id, source_export_id, manifest_sha256)
    where status = 'succeeded';
create index import_record_org_idx on import_record (organization_id, id desc);
