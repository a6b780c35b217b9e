-- Where an imported content view version came from: the servers it passed through, origin first
-- ([{serverId, serverName, exportId, exportedAt}]); empty for versions published here.
alter table content_view_version add column provenance jsonb not null default '[]';
