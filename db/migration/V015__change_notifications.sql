-- Every node keeps what /content URLs and credentials resolve to in memory; a change to any table those answers
-- come from sends one notification on channel 'ferry_changes' when its transaction commits (PostgreSQL folds the
-- notifications of one transaction with the same payload into one). Each node LISTENs and drops its cached answers.
create function ferry_notify_change() returns trigger language plpgsql as $$
begin
    perform pg_notify('ferry_changes', tg_table_name);
    return null;
end $$;

do $$
declare
    t text[];
begin
    foreach t slice 1 in array array[
        ['ferry_user', 'insert or update or delete'],
        -- last_used_at moves once a minute per token in use: not a change of what a token may do
        ['api_token', 'insert or delete or update of user_id, token_hash, expires_at, revoked_at'],
        ['organization', 'insert or update or delete'],
        ['lifecycle_environment', 'insert or update or delete'],
        ['product', 'insert or update or delete'],
        ['repository', 'insert or update or delete'],
        ['repository_version', 'update or delete'],
        ['content_view', 'insert or update or delete'],
        ['content_view_version', 'update or delete'],
        ['content_view_version_repository', 'insert or update or delete'],
        ['environment_content_view', 'insert or update or delete'],
        ['downstream_server', 'insert or update or delete'],
        ['downstream_scope', 'insert or update or delete'],
        ['downstream_certificate', 'insert or update or delete'],
        ['server_info', 'insert or update or delete']]
    loop
        execute format('create trigger %I after %s on %I for each statement execute function ferry_notify_change()',
                       t[1] || '_changed', t[2], t[1]);
    end loop;
end $$;
