package org.quidpro.platform.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.web.server.ResponseStatusException;

class CallerArgumentResolverTest {

    @Test
    void withoutAGatewaySecretTheHeadersAreTakenAsTheyAre() {
        var resolver = new CallerArgumentResolver("");

        assertThat(resolver.resolve(null, null, null)).isEqualTo(Caller.anonymous());
        assertThat(resolver.resolve("peer", "abc", null)).isEqualTo(Caller.peer("abc"));
        assertThat(resolver.resolve("Operator", null, null)).isEqualTo(Caller.of(Caller.Role.OPERATOR));
    }

    @Test
    void withAGatewaySecretAnIdentityNeedsTheSecret() {
        var resolver = new CallerArgumentResolver("s3cret");

        assertThat(resolver.resolve("analyst", null, "s3cret")).isEqualTo(Caller.of(Caller.Role.ANALYST));
        assertThatThrownBy(() -> resolver.resolve("operator", null, null)).isInstanceOf(ResponseStatusException.class)
                .hasMessageContaining("gateway only");
        assertThatThrownBy(() -> resolver.resolve("operator", null, "guess")).isInstanceOf(ResponseStatusException.class);
        assertThat(resolver.resolve(null, null, null)).isEqualTo(Caller.anonymous());
    }

    @Test
    void aPeerWithoutIdOrAnUnknownRoleIsRefused() {
        var resolver = new CallerArgumentResolver(null);

        assertThatThrownBy(() -> resolver.resolve("peer", " ", null)).hasMessageContaining(Caller.PEER_HEADER);
        assertThatThrownBy(() -> resolver.resolve("root", null, null)).hasMessageContaining("unknown role");
    }

    @Test
    void peersReadWhatConcernsThemAnalystsAndOperatorsEverything() {
        assertThat(Caller.peer("a").mayRead("a", "b")).isTrue();
        assertThat(Caller.peer("c").mayRead("a", "b")).isFalse();
        assertThat(Caller.of(Caller.Role.ANALYST).mayRead("a")).isTrue();
        assertThat(Caller.anonymous().mayRead("a")).isFalse();
    }
}
