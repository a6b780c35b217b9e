-- Read-only credentials for vCenter subscribed libraries: each may read one published library (the /vcsp tree of one
-- repository URL) and nothing else. The password is kept only as a hash; revoking keeps the row for the record.
create table subscriber_credential (
    id              bigint generated always as identity primary key,
    organization_id bigint      not null references organization (id) on delete cascade,
    library         text        not null check (library ~ '^[^/]+(/[^/]+){2,3}$'),
    username        text        not null unique check (username ~ '^vcsp-[a-z2-7]{12}$'),
    password_hash   text        not null,
    description     text,
    created_by      text        not null,
    created_at      timestamptz not null default now(),
    revoked_at      timestamptz
);
create index subscriber_credential_org_idx on subscriber_credential (organization_id, id);

-- a revoked credential stops being accepted on every node (see V015)
create trigger subscriber_credential_changed after insert or update or delete on subscriber_credential
    for each statement execute function ferry_notify_change();
