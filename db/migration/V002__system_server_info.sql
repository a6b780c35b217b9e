-- One row naming this server: a stable id created at first start.
create table server_info (
    singleton  boolean primary key default true check (singleton),
    server_id  uuid        not null,
    created_at timestamptz not null default now()
);
