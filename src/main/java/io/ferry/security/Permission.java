package io.ferry.security;

/**
 * Named permissions. Every {@code /api/v1} endpoint declares exactly one with {@link RequiresPermission};
 * the role model decides who holds which (see {@link PermissionResolver}). Names are stable API.
 */
public enum Permission {
    VIEW_STATUS("view_status"),
    VIEW_TASKS("view_tasks"),
    CANCEL_TASKS("cancel_tasks"),
    MANAGE_OWN_TOKENS("manage_own_tokens"),
    MANAGE_OWN_ACCOUNT("manage_own_account"),
    MANAGE_USERS("manage_users"),
    MANAGE_ROLES("manage_roles"),
    VIEW_AUDIT("view_audit"),
    VIEW_CONTENT("view_content"),
    EDIT_CONTENT("edit_content"),
    UPLOAD_CONTENT("upload_content"),
    SYNC_REPOSITORIES("sync_repositories"),
    PUBLISH_CONTENT("publish_content"),
    PROMOTE_CONTENT("promote_content"),
    EXPORT_CONTENT("export_content"),
    IMPORT_CONTENT("import_content"),
    MANAGE_TRUST("manage_trust"),
    MANAGE_DOWNSTREAMS("manage_downstreams");

    private final String id;

    Permission(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** The permission with this stable name, or null. */
    public static Permission byId(String id) {
        for (Permission p : values()) {
            if (p.id.equals(id)) {
                return p;
            }
        }
        return null;
    }
}
