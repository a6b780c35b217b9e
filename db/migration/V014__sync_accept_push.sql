-- Push: an organization may accept bundles its upstream sends (over mutual TLS with a client certificate
-- issued by the upstream CA installed at enrollment), for networks where only the upstream may connect.
alter table upstream_config add column accept_push boolean not null default false;
