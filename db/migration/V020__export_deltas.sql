-- Block-level deltas in incremental exports (docs/deltas.md): a carried blob written as a delta against blobs the
-- receiver holds has the size of its delta file here (null: carried whole), and its base blobs below.
alter table export_blob add column delta_size bigint;

create table export_delta_base (
    export_id   bigint not null references export (id) on delete cascade,
    sha256      text   not null,
    base_sha256 text   not null,
    primary key (export_id, sha256, base_sha256)
);

alter table export add column delta_blobs bigint not null default 0;
alter table export add column delta_saved_bytes bigint not null default 0;
