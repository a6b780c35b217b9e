-- Trust: certificates an organization trusts to sign the bundles it imports, and its signature policy.
create table trusted_certificate (
    id              bigserial   primary key,
    organization_id bigint      not null references organization (id) on delete cascade,
    fingerprint     text        not null,
    subject         text        not null,
    is_ca           boolean     not null,
    not_after       timestamptz not null,
    pem             text        not null,
    added_by        text        not null,
    added_at        timestamptz not null default now(),
    unique (organization_id, fingerprint)
);

-- Organizations that existed before signed bundles keep importing unsigned ones ('if-present');
-- new organizations require a trusted signature.
alter table organization add column import_signature_policy text not null default 'if-present'
    check (import_signature_policy in ('require', 'if-present', 'off'));
alter table organization alter column import_signature_policy set default 'require';
