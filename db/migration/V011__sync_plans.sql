-- Sync plans: when an organization syncs from its upstream (cron plus a random delay), and how the last run went.
create table sync_plan (
    organization_id      bigint      primary key references organization (id) on delete cascade,
    cron                 text        not null,
    random_delay_seconds integer     not null default 0 check (random_delay_seconds between 0 and 86400),
    enabled              boolean     not null default true,
    next_run_at          timestamptz,
    last_run_at          timestamptz,
    last_task_id         uuid,
    last_state           text,
    last_error           text,
    last_success_at      timestamptz,
    updated_by           text        not null,
    updated_at           timestamptz not null default now()
);
