-- Revocations of certificates this server's CAs issued (downstream client certificates, bundle signers):
-- the one source of the published CRLs.
create table revoked_certificate (
    id                 bigserial   primary key,
    issuer_fingerprint text        not null,
    serial             text        not null,
    subject            text        not null,
    kind               text        not null check (kind in ('downstream', 'signer')),
    reason             int         not null,
    revoked_at         timestamptz not null default now(),
    revoked_by         text        not null,
    unique (issuer_fingerprint, serial)
);

-- CRLs of trusted upstream CAs an organization holds for checking bundle signers (newest per issuer).
create table trusted_crl (
    id                 bigserial   primary key,
    organization_id    bigint      not null references organization (id) on delete cascade,
    issuer             text        not null,
    issuer_fingerprint text        not null,
    this_update        timestamptz not null,
    next_update        timestamptz,
    revoked_count      int         not null,
    der                bytea       not null,
    added_by           text        not null,
    added_at           timestamptz not null default now(),
    unique (organization_id, issuer_fingerprint)
);

-- Downstream servers enrolled here: a name, what they may read and export, and their client certificates.
create table downstream_server (
    id          bigserial   primary key,
    name        text        not null unique,
    description text,
    created_by  text        not null,
    created_at  timestamptz not null default now()
);

-- One row per organization in scope; environment or content view set narrows that organization to it.
create table downstream_scope (
    id                       bigserial primary key,
    downstream_id            bigint    not null references downstream_server (id) on delete cascade,
    organization_id          bigint    not null references organization (id) on delete cascade,
    lifecycle_environment_id bigint    references lifecycle_environment (id) on delete cascade,
    content_view_id          bigint    references content_view (id) on delete cascade
);
create index downstream_scope_downstream on downstream_scope (downstream_id);

create table downstream_certificate (
    id                 bigserial   primary key,
    downstream_id      bigint      not null references downstream_server (id) on delete cascade,
    fingerprint        text        not null unique,
    serial             text        not null,
    subject            text        not null,
    issuer_fingerprint text        not null,
    -- set for a certificate of an external CA mapped to this downstream: that CA, which must have issued it
    issuer_pem         text,
    pem                text        not null,
    not_before         timestamptz not null,
    not_after          timestamptz not null,
    revoked_at         timestamptz,
    revoked_by         text,
    created_by         text        not null,
    created_at         timestamptz not null default now()
);
create index downstream_certificate_downstream on downstream_certificate (downstream_id);
