-- Every node keeps what /content URLs and credentials resolve to in memory; a change to any table those answers
-- come from sends one notification on channel 'ferry_changes' when its transaction commits (PostgreSQL folds the
-- notifications of one transaction with the same payload into one). Each node LISTENs and drops its cached answers.
create function ferry_notify_change() returns trigger language plpgsql as $$
begin
    perform pg_notify('ferry_changes', tg_table_name);
    return null;
end $$;

create trigger ferry_user_changed after insert or update or delete on ferry_user
    for each statement execute function ferry_notify_change();
-- last_used_at moves once a minute per token in use: not a change of what a token may do
create trigger api_token_changed after insert or delete or update of user_id, token_hash, expires_at, revoked_at on api_token
    for each statement execute function ferry_notify_change();
create trigger organization_changed after insert or update or delete on organization
    for each statement execute function ferry_notify_change();
create trigger lifecycle_environment_changed after insert or update or delete on lifecycle_environment
    for each statement execute function ferry_notify_change();
create trigger product_changed after insert or update or delete on product
    for each statement execute function ferry_notify_change();
create trigger repository_changed after insert or update or delete on repository
    for each statement execute function ferry_notify_change();
create trigger repository_version_changed after update or delete on repository_version
    for each statement execute function ferry_notify_change();
create trigger content_view_changed after insert or update or delete on content_view
    for each statement execute function ferry_notify_change();
create trigger content_view_version_changed after update or delete on content_view_version
    for each statement execute function ferry_notify_change();
create trigger content_view_version_repository_changed after insert or update or delete on content_view_version_repository
    for each statement execute function ferry_notify_change();
create trigger environment_content_view_changed after insert or update or delete on environment_content_view
    for each statement execute function ferry_notify_change();
create trigger downstream_server_changed after insert or update or delete on downstream_server
    for each statement execute function ferry_notify_change();
create trigger downstream_scope_changed after insert or update or delete on downstream_scope
    for each statement execute function ferry_notify_change();
create trigger downstream_certificate_changed after insert or update or delete on downstream_certificate
    for each statement execute function ferry_notify_change();
create trigger server_info_changed after insert or update or delete on server_info
    for each statement execute function ferry_notify_change();
