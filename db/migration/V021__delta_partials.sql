-- Resuming a delta at chunk granularity (docs/deltas.md): when a transfer breaks off inside a delta, the downstream
-- keeps the rebuilt beginning of the blob as a blob of its own (sha256, size bytes of blob of_sha256) and lists it in
-- its next receipt; the upstream, which holds of_sha256, copies those chunks from it instead of sending them again.
create table sync_held_partial (
    organization_id bigint not null references organization (id) on delete cascade,
    sha256          text   not null,
    of_sha256       text   not null,
    size            bigint not null,
    primary key (organization_id, sha256)
);

create table export_receipt_partial (
    receipt_id bigint not null references export_receipt (id) on delete cascade,
    sha256     text   not null,
    of_sha256  text   not null,
    size       bigint not null,
    primary key (receipt_id, sha256)
);
