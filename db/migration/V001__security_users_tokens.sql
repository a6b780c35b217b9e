-- Users and personal API tokens. Passwords are Argon2id PHC strings; tokens are stored as SHA-256.
create table ferry_user (
    id            bigserial primary key,
    username      text        not null unique,
    password_hash text        not null,
    admin         boolean     not null default false,
    enabled       boolean     not null default true,
    created_at    timestamptz not null default now(),
    updated_at    timestamptz not null default now()
);

create table api_token (
    id           bigserial primary key,
    user_id      bigint      not null references ferry_user (id) on delete cascade,
    name         text        not null,
    token_hash   text        not null unique,
    prefix       text        not null,
    created_at   timestamptz not null default now(),
    expires_at   timestamptz not null,
    revoked_at   timestamptz,
    last_used_at timestamptz,
    unique (user_id, name)
);
