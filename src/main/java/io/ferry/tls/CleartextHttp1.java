package io.ferry.tls;

import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.http.HttpServerOptions;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * HTTP/2 is negotiated over ALPN on the TLS port only. On the cleartext port an "Upgrade: h2c" request would
 * make the HTTP layer buffer the whole body before upgrading, which a multi-GB upload turns into an
 * OutOfMemoryError; HTTP/1.1 streams every body with back-pressure (ContentFlowIT covers this).
 */
@ApplicationScoped
public class CleartextHttp1 implements HttpServerOptionsCustomizer {
    @Override
    public void customizeHttpServer(HttpServerOptions options) {
        options.setHttp2ClearTextEnabled(false);
    }
}
