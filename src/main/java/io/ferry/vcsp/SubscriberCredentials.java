package io.ferry.vcsp;

import io.ferry.common.ErrorCode;
import io.ferry.common.FerryException;
import io.ferry.organization.OrganizationEntity;
import io.ferry.organization.OrganizationRepository;
import io.ferry.security.Authenticator;
import io.ferry.security.PasswordHasher;
import io.ferry.security.Permission;
import io.ferry.security.Secrets;
import io.ferry.security.SubscriberAuthenticator;
import io.ferry.security.UserService;
import io.ferry.serving.PublishedRepositories;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.util.List;
import java.util.Set;

/** Creates, lists and revokes subscriber credentials, and authenticates them (HTTP Basic, as vCenter sends them). */
@ApplicationScoped
public class SubscriberCredentials implements SubscriberAuthenticator {
    private static final String BASE32 = "abcdefghijklmnopqrstuvwxyz234567";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String DUMMY_HASH = PasswordHasher.hash("subscriber-timing-equaliser");
    private static final String COLUMNS = "select c.id, c.username, c.library, o.label, c.description, c.created_by, c.created_at, "
            + "c.revoked_at from subscriber_credential c join organization o on o.id = c.organization_id ";

    @Inject
    EntityManager em;
    @Inject
    OrganizationRepository organizations;
    @Inject
    PublishedRepositories published;
    @Inject
    io.ferry.security.CurrentUser currentUser;

    @Transactional
    public SubscriberDtos.CredentialView create(String orgRef, SubscriberDtos.CreateCredential req) {
        OrganizationEntity org = organizations.require(orgRef);
        String library = normalise(req.library());
        String[] s = library.split("/");
        if (s.length == 4) {
            published.latest(org.label, s[2], s[3]);
        } else {
            published.inEnvironment(org.label, s[0], s[1], s[2]);
        }
        String username = username();
        String password = Secrets.randomPassword() + Secrets.randomPassword();
        long id = ((Number) em.createNativeQuery("insert into subscriber_credential (organization_id, library, username, password_hash, "
                + "description, created_by) values (?1, ?2, ?3, ?4, ?5, ?6) returning id").setParameter(1, org.id).setParameter(2, library)
                .setParameter(3, username).setParameter(4, PasswordHasher.hash(password)).setParameter(5, req.description())
                .setParameter(6, currentUser.username()).getSingleResult()).longValue();
        SubscriberDtos.CredentialView v = one(id, org.id);
        return new SubscriberDtos.CredentialView(v.id(), v.username(), password, v.library(), v.url(), v.description(), v.createdBy(),
                v.createdAt(), v.revokedAt());
    }

    @Transactional
    public List<SubscriberDtos.CredentialView> list(String orgRef) {
        OrganizationEntity org = organizations.require(orgRef);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(COLUMNS + "where c.organization_id = ?1 order by c.id").setParameter(1, org.id)
                .getResultList();
        return rows.stream().map(SubscriberCredentials::view).toList();
    }

    /** Revokes the credential: refused from the next request on, on every node; the record stays. */
    @Transactional
    public SubscriberDtos.CredentialView revoke(String orgRef, long id) {
        OrganizationEntity org = organizations.require(orgRef);
        one(id, org.id);
        em.createNativeQuery("update subscriber_credential set revoked_at = now() where id = ?1 and revoked_at is null")
                .setParameter(1, id).executeUpdate();
        return one(id, org.id);
    }

    @Override
    public boolean claims(String username) {
        return username.matches(UserService.SUBSCRIBER_NAMES);
    }

    @Override
    @Transactional
    public Authenticator.Principal authenticate(String username, String password) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select c.id, c.password_hash, c.library, o.label, c.revoked_at from "
                + "subscriber_credential c join organization o on o.id = c.organization_id where c.username = ?1")
                .setParameter(1, username).getResultList();
        if (rows.isEmpty()) {
            PasswordHasher.verify(password, DUMMY_HASH);
            throw Authenticator.badCredentials();
        }
        Object[] r = rows.get(0);
        if (!PasswordHasher.verify(password, (String) r[1]) || r[4] != null) {
            throw Authenticator.badCredentials();
        }
        return new Authenticator.Principal(0, username, Set.of(Permission.VIEW_CONTENT), null,
                new SubscriberScope(username, (String) r[3], (String) r[2]));
    }

    private SubscriberDtos.CredentialView one(long id, long orgId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(COLUMNS + "where c.id = ?1 and c.organization_id = ?2").setParameter(1, id)
                .setParameter(2, orgId).getResultList();
        if (rows.isEmpty()) {
            throw new FerryException(ErrorCode.NOT_FOUND, "The organization has no subscriber credential " + id
                    + ". See 'ferry content-library subscriber-credential list'.", "id");
        }
        return view(rows.get(0));
    }

    private static SubscriberDtos.CredentialView view(Object[] r) {
        return new SubscriberDtos.CredentialView(((Number) r[0]).longValue(), (String) r[1], null, (String) r[2],
                "/vcsp/" + r[3] + "/" + r[2] + "/lib.json", (String) r[4], (String) r[5], io.ferry.common.Times.toOffset(r[6]),
                io.ferry.common.Times.toOffset(r[7]));
    }

    /** {@code Library/custom/PRODUCT/REPO} or {@code ENV/CV/REPO}, without leading or trailing slashes. */
    static String normalise(String library) {
        String l = library.strip();
        while (l.startsWith("/")) {
            l = l.substring(1);
        }
        while (l.endsWith("/")) {
            l = l.substring(0, l.length() - 1);
        }
        String[] s = l.split("/", -1);
        boolean latest = s.length == 4 && s[0].equals("Library") && s[1].equals("custom");
        boolean env = s.length == 3;
        boolean clean = java.util.Arrays.stream(s).allMatch(x -> !x.isEmpty() && !x.equals(".") && !x.equals("..")
                && x.chars().noneMatch(ch -> ch < 0x20 || ch == 0x7f || ch == '\\'));
        if (!clean || !latest && !env) {
            throw new FerryException(ErrorCode.VALIDATION_FAILED, "The library '" + library + "' is not one: give "
                    + "Library/custom/PRODUCT/REPO (a repository's latest version) or ENVIRONMENT/CONTENT_VIEW/REPO (what an "
                    + "environment holds), as in its /content URL, with --library.", "library");
        }
        return l;
    }

    private static String username() {
        StringBuilder b = new StringBuilder("vcsp-");
        for (int i = 0; i < 12; i++) {
            b.append(BASE32.charAt(RANDOM.nextInt(32)));
        }
        return b.toString();
    }
}
