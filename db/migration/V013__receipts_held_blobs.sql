-- Receipts: what a downstream server holds (its import lineage and the digests of its blobs for one
-- organization), signed with its enrolled identity. An upstream stores a verified receipt here and an
-- export based on it carries exactly the scope's blobs the receipt does not list.
create table export_receipt (
    id                 bigint generated always as identity primary key,
    organization_id    bigint      not null references organization (id) on delete cascade,
    downstream_name    text        not null,
    server_id          text        not null,
    server_name        text,
    source_org         text        not null,
    sha256             text        not null check (sha256 ~ '^[0-9a-f]{64}$'),
    created_at         timestamptz not null,
    blob_count         bigint      not null default 0,
    lineage            jsonb       not null default '[]',
    received_by        text        not null,
    received_at        timestamptz not null default now()
);
create index export_receipt_org_idx on export_receipt (organization_id, id desc);

create table export_receipt_blob (
    receipt_id bigint not null references export_receipt (id) on delete cascade,
    sha256     text   not null,
    primary key (receipt_id, sha256)
);

alter table export add column base_receipt_id bigint references export_receipt (id) on delete set null;

-- Blobs a sync verified and stored before its transfer broke off (the upstream or this server stopped):
-- listed in this organization's next receipt so the next sync does not send them again.
create table sync_held_blob (
    organization_id bigint      not null references organization (id) on delete cascade,
    sha256          text        not null check (sha256 ~ '^[0-9a-f]{64}$'),
    stored_at       timestamptz not null default now(),
    primary key (organization_id, sha256)
);
