-- A downstream server is a principal with a scoped role, like a user: its scope becomes role assignments of the
-- built-in role 'Downstream Server' (read and export), one per organization, environment set or content view set,
-- and the separate downstream_scope table goes. An assignment belongs to exactly one user or one downstream.
insert into role (name, description, builtin, permissions) values
    ('Downstream Server', 'What an enrolled downstream server holds: reads content and exports what it may read', true,
     array['view_status', 'view_tasks', 'view_content', 'export_content']);

alter table role_assignment alter column user_id drop not null;
alter table role_assignment add column downstream_id bigint references downstream_server (id) on delete cascade;
alter table role_assignment add constraint role_assignment_one_holder check (num_nonnulls(user_id, downstream_id) = 1);
create index role_assignment_downstream on role_assignment (downstream_id);

-- The old scope's meaning, kept: a whole organization; or (separately) its content views; or its environments.
insert into role_assignment (downstream_id, role_id, organization_id, content_views, environments)
select s.downstream_id, (select id from role where name = 'Downstream Server'), s.organization_id,
       coalesce(array_agg(s.content_view_id order by s.id) filter (where s.content_view_id is not null), '{}'),
       coalesce(array_agg(s.lifecycle_environment_id order by s.id) filter (where s.lifecycle_environment_id is not null), '{}')
from downstream_scope s
group by s.downstream_id, s.organization_id, (s.content_view_id is not null), (s.lifecycle_environment_id is not null);

drop table downstream_scope;
