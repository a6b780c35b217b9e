package io.ferry.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferry.common.FerryException;
import io.ferry.imports.bundle.ManifestHeader;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What a pushed bundle must be, judged on its manifest's header before anything is recorded: written by the server
 * whose push certificate sent it (its OU), of the organization followed, of a content view followed. Each refusal
 * is {@code FERRY-UPSTREAM-006} naming what differs.
 */
class PushExpectationTest {
    static final String PUSHER = UUID.randomUUID().toString();
    static final UpstreamConfigs.Config FOLLOW = new UpstreamConfigs.Config(1, "https://up.example:8443", "acme", "content-views",
            null, List.of("base"), true, "admin", OffsetDateTime.now());

    static ManifestHeader header(String sourceServerId, String org, String contentView) {
        return new ManifestHeader(2, 7, "complete", OffsetDateTime.now(), "admin", "sync", "tgz", sourceServerId, "up", "1",
                null, null, null, null, "content_view_version", Map.of("organization", Map.of("label", org), "contentView",
                Map.of("label", contentView, "version", "1.0")), List.of(), null);
    }

    @Test
    void aBundleOfThePusherOfWhatIsFollowedIsAccepted() {
        SyncExpectation.ofPush(FOLLOW, "upstream:up", PUSHER).accept(header(PUSHER, "acme", "base"));
        SyncExpectation.ofPush(FOLLOW, "upstream:up", PUSHER.toUpperCase()).accept(header(PUSHER, "acme", "base"));
    }

    @Test
    void aBundleWrittenByAnotherServerIsRefusedEvenFromTheRightCertificate() {
        String other = UUID.randomUUID().toString();
        assertThatThrownBy(() -> SyncExpectation.ofPush(FOLLOW, "upstream:up", PUSHER).accept(header(other, "acme", "base")))
                .isInstanceOfSatisfying(FerryException.class, e -> {
                    assertThat(e.errorCode().code()).isEqualTo("FERRY-UPSTREAM-006");
                    assertThat(e.getMessage()).contains(other).contains(PUSHER).contains("Nothing was imported");
                });
        // a pusher whose certificate named no server id may push nothing
        assertThatThrownBy(() -> SyncExpectation.ofPush(FOLLOW, "upstream:up", null).accept(header(PUSHER, "acme", "base")))
                .isInstanceOfSatisfying(FerryException.class, e -> assertThat(e.errorCode().code()).isEqualTo("FERRY-UPSTREAM-006"));
    }

    @Test
    void anotherOrganizationOrContentViewIsRefused() {
        assertThatThrownBy(() -> SyncExpectation.ofPush(FOLLOW, "upstream:up", PUSHER).accept(header(PUSHER, "other", "base")))
                .isInstanceOfSatisfying(FerryException.class, e -> assertThat(e.getMessage()).contains("'other'").contains("'acme'"));
        assertThatThrownBy(() -> SyncExpectation.ofPush(FOLLOW, "upstream:up", PUSHER).accept(header(PUSHER, "acme", "extra")))
                .isInstanceOfSatisfying(FerryException.class, e -> assertThat(e.getMessage()).contains("extra").contains("base"));
    }
}
