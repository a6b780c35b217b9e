package io.ferry.common;

import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.SQLException;
import org.hibernate.Session;

/**
 * Plain JDBC on the connection of the current transaction, for the set-based and batched statements
 * that content work needs (Hibernate entities serve the small tables).
 */
public final class Sql {
    private Sql() {
    }

    @FunctionalInterface
    public interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    public static <T> T work(EntityManager em, Work<T> work) {
        Session session = em.unwrap(Session.class);
        session.flush();
        return session.doReturningWork(work::run);
    }
}
