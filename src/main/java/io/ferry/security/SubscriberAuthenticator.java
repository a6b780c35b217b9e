package io.ferry.security;

/** Authenticates HTTP Basic credentials that belong to no user: a library's subscriber credential (the vcsp feature). */
public interface SubscriberAuthenticator {
    /** Whether {@code username} has the form of a subscriber credential (no user can have it). */
    boolean claims(String username);

    /** The credential's principal; a FerryException (401) when the password is wrong or the credential revoked. */
    Authenticator.Principal authenticate(String username, String password);
}
