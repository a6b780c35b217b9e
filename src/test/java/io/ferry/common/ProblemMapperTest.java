package io.ferry.common;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import java.util.Arrays;
import java.util.HashSet;
import org.junit.jupiter.api.Test;

class ProblemMapperTest {
    @Test
    void codesAreUniqueAndWellFormed() {
        var codes = new HashSet<String>();
        for (ErrorCode c : ErrorCode.values()) {
            assertThat(c.code()).matches("FERRY-[A-Z]+-\\d{3}");
            assertThat(codes.add(c.code())).as("duplicate " + c.code()).isTrue();
            assertThat(c.status()).isBetween(400, 599);
        }
        assertThat(Arrays.stream(ErrorCode.values()).map(ErrorCode::title)).doesNotContainNull();
    }

    @Test
    void tableTranslatesFrameworkExceptions() {
        assertThat(ProblemMapper.translate(new NotFoundException()).errorCode()).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(ProblemMapper.translate(new NotAllowedException("GET")).errorCode()).isEqualTo(ErrorCode.METHOD_NOT_ALLOWED);
        assertThat(ProblemMapper.translate(new IllegalStateException("x")).errorCode()).isEqualTo(ErrorCode.INTERNAL);
        FerryException fe = new FerryException(ErrorCode.CONFLICT, "taken", "label");
        assertThat(ProblemMapper.translate(fe)).isSameAs(fe);
        Problem p = fe.toProblem("/api/v1/x");
        assertThat(p.type()).isEqualTo("urn:ferry:problem:FERRY-COMMON-007");
        assertThat(p.status()).isEqualTo(409);
        assertThat(p.field()).isEqualTo("label");
    }
}
