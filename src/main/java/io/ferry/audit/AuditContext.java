package io.ferry.audit;

import jakarta.enterprise.context.RequestScoped;

/** The request being audited: set by the authentication filter, read when the record is written. */
@RequestScoped
public class AuditContext {
    private String action;
    private String actor;
    private String address;
    private String organization;
    private String target;
    private boolean separate;
    private boolean recorded;

    /** Called once the caller is known (action null when the endpoint is not audited). */
    public void begin(String action, boolean separate, String actor, String address, String organization, String target) {
        this.action = action;
        this.separate = separate;
        this.actor = actor;
        this.address = address;
        this.organization = organization;
        this.target = target;
    }

    public String action() {
        return action;
    }

    public String actor() {
        return actor;
    }

    public String address() {
        return address;
    }

    public String organization() {
        return organization;
    }

    public String target() {
        return target;
    }

    boolean separate() {
        return separate;
    }

    boolean recorded() {
        return recorded;
    }

    void markRecorded() {
        recorded = true;
    }
}
