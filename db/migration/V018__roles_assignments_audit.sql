-- Roles bundle named permissions; assignments give a user a role in one organization (or in all, organization_id
-- null), optionally narrowed to named products, content views and lifecycle environments (empty arrays: no narrowing
-- on that axis). Built-in roles are read-only through the API (copy one to change it).
create table role (
    id          bigint generated always as identity primary key,
    name        text        not null unique,
    description text        not null default '',
    builtin     boolean     not null default false,
    permissions text[]      not null default '{}',
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now()
);

insert into role (name, description, builtin, permissions) values
    ('Administrator', 'Everything, in the organizations it is assigned for', true,
     array['view_status', 'view_tasks', 'cancel_tasks', 'manage_own_tokens', 'manage_own_account', 'manage_users',
           'manage_roles', 'view_audit', 'view_content', 'edit_content', 'upload_content', 'sync_repositories',
           'publish_content', 'promote_content', 'export_content', 'import_content', 'manage_trust', 'manage_downstreams']),
    ('Viewer', 'Reads organizations, products, repositories, content views, environments and tasks', true,
     array['view_status', 'view_tasks', 'manage_own_tokens', 'view_content']),
    ('Content Manager', 'Creates and changes content, publishes and promotes content views', true,
     array['view_status', 'view_tasks', 'cancel_tasks', 'manage_own_tokens', 'view_content', 'edit_content',
           'upload_content', 'sync_repositories', 'publish_content', 'promote_content']),
    ('Content Exporter', 'Reads content and exports what it may read', true,
     array['view_status', 'view_tasks', 'manage_own_tokens', 'view_content', 'export_content']),
    ('Content Importer', 'Reads content and imports bundles into it', true,
     array['view_status', 'view_tasks', 'manage_own_tokens', 'view_content', 'import_content']);

create table role_assignment (
    id              bigint generated always as identity primary key,
    user_id         bigint      not null references ferry_user (id) on delete cascade,
    role_id         bigint      not null references role (id) on delete restrict,
    organization_id bigint      references organization (id) on delete cascade,
    products        bigint[]    not null default '{}',
    content_views   bigint[]    not null default '{}',
    environments    bigint[]    not null default '{}',
    created_at      timestamptz not null default now()
);
create index role_assignment_user on role_assignment (user_id);
create index role_assignment_role on role_assignment (role_id);

create trigger role_changed after insert or update or delete on role
    for each statement execute function ferry_notify_change();
create trigger role_assignment_changed after insert or update or delete on role_assignment
    for each statement execute function ferry_notify_change();

-- The audit trail: append-only through the API. Each record's hash covers its fields and the previous record's
-- hash (sha256 hex; the first record's previous_hash is 64 zeros), so an edited or deleted row breaks the chain.
create table audit_record (
    id              bigint      primary key,
    at              timestamptz not null,
    actor           text        not null,
    address         text,
    action          text        not null,
    organization    text,
    target          text,
    result          text        not null,
    detail          text,
    manifest_sha256 text,
    previous_hash   text        not null,
    hash            text        not null
);
create sequence audit_record_id_seq;
create index audit_record_at on audit_record (at);
create index audit_record_actor on audit_record (actor, id);
create index audit_record_action on audit_record (action, id);
create index audit_record_organization on audit_record (organization, id);
