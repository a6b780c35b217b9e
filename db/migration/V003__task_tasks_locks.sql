-- Persisted tasks and the resources they lock while running.
create table task (
    id               uuid primary key,
    type             text        not null,
    state            text        not null check (state in ('waiting', 'running', 'completed', 'failed', 'canceled')),
    params           jsonb       not null default '{}',
    locks            jsonb       not null default '[]',
    step             text,
    units_done       bigint      not null default 0,
    units_total      bigint,
    bytes_done       bigint      not null default 0,
    bytes_total      bigint,
    result           jsonb,
    error            jsonb,
    cancel_requested boolean     not null default false,
    created_by       text        not null,
    node             text,
    created_at       timestamptz not null,
    started_at       timestamptz,
    finished_at      timestamptz,
    updated_at       timestamptz not null
);
create index task_waiting_idx on task (created_at) where state = 'waiting';
create index task_created_idx on task (created_at desc);

create table task_lock (
    resource text primary key,
    task_id  uuid not null references task (id) on delete cascade
);
create index task_lock_task_idx on task_lock (task_id);
