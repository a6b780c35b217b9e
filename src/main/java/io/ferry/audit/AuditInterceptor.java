package io.ferry.audit;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/**
 * Runs an audited endpoint and its record in one transaction (the services it calls join it): the record exists
 * exactly when the action committed. Outermost of the transactional interceptors.
 */
@Audited
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 100)
public class AuditInterceptor {
    @Inject
    AuditContext context;
    @Inject
    AuditLog log;

    @AroundInvoke
    Object around(InvocationContext ic) throws Exception {
        if (context.action() == null) {
            return ic.proceed();
        }
        if (context.separate()) {
            Object r = ic.proceed();
            log.appendAlone(success(r));
            context.markRecorded();
            return r;
        }
        try {
            return QuarkusTransaction.joiningExisting().call(() -> {
                Object r = ic.proceed();
                log.append(success(r));
                context.markRecorded();
                return r;
            });
        } catch (io.quarkus.narayana.jta.QuarkusTransactionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    private AuditLog.What success(Object answer) {
        return new AuditLog.What(context.actor(), context.address(), context.action(), context.organization(), context.target(),
                "succeeded", AuditDetails.of(answer), null);
    }
}
