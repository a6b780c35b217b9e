-- S3-compatible buckets an organization publishes repositories to (the /content tree with its PULP_MANIFEST and
-- VCSP documents). The publisher's access key id and secret key are stored sealed with the server's secret key
-- (AES-256-GCM, see SecretBox); the API never returns them.
create table publication_target (
    id                bigint generated always as identity primary key,
    organization_id   bigint      not null references organization (id) on delete cascade,
    name              text        not null check (name ~ '^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$'),
    endpoint          text        not null,
    bucket            text        not null,
    prefix            text        not null default '',
    region            text        not null,
    path_style        boolean     not null,
    tls_required      boolean     not null,
    access_key_sealed text        not null,
    secret_key_sealed text        not null,
    description       text,
    created_by        text        not null,
    created_at        timestamptz not null default now(),
    unique (organization_id, name)
);
