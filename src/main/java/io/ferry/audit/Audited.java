package io.ferry.audit;

import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an API endpoint whose calls are recorded in the audit trail under {@link #value()} (e.g. {@code export.start}).
 * The endpoint then runs in one transaction with its record (unless {@link #separateTransaction()}); a refused or
 * failed call is recorded on its own.
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Audited {
    /** The action name, stable API: what {@code ferry audit list --action} filters on. */
    @Nonbinding
    String value() default "";

    /**
     * For endpoints that read a large body or check a bundle and deliberately hold no transaction while doing so: the
     * record is written in its own transaction right after the action succeeded, not in the action's.
     */
    @Nonbinding
    boolean separateTransaction() default false;
}
