package org.quidpro.index.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SearchRulesTest {

    @Test
    void likeMetacharactersAreEscapedAndTermsLowerCased() {
        TextQuery query = TextQuery.parse("  100%  Pure_Data back\\slash 100% ");

        assertThat(query.terms()).containsExactly("100%", "pure_data", "back\\slash");
        assertThat(query.likePatterns()).containsExactly("%100\\%%", "%pure\\_data%", "%back\\\\slash%");
        assertThat(TextQuery.searchText("Debian.ISO", List.of("Linux", "x86"))).isEqualTo("debian.iso linux x86");
    }

    @Test
    void emptyLongOrManyTermQueriesAreRefused() {
        assertThatThrownBy(() -> TextQuery.parse(" ")).hasMessageContaining("q:");
        assertThatThrownBy(() -> TextQuery.parse(null)).hasMessageContaining("q:");
        assertThatThrownBy(() -> TextQuery.parse("x".repeat(201))).hasMessageContaining("200");
        assertThatThrownBy(() -> TextQuery.parse("a b c d e f g h i")).hasMessageContaining("terms");
    }

    @Test
    void holderOrdersAreCompletedAndCursorsChecked() {
        HolderOrder order = HolderOrder.parse("bandwidth");

        assertThat(order.keys()).containsExactly(HolderOrder.Key.BANDWIDTH, HolderOrder.Key.RATING,
                HolderOrder.Key.FRESHNESS);
        assertThatThrownBy(() -> HolderOrder.parse("rating,price")).hasMessageContaining("price");
        assertThatThrownBy(() -> HolderOrder.parse("rating,rating")).isInstanceOf(IllegalArgumentException.class);
        String cursor = new Cursor(List.of("1000", "0.5", "2026-11-23T10:00:00Z", "peer")).encode();
        assertThat(order.cursor(cursor).values()).hasSize(4);
        assertThatThrownBy(() -> HolderOrder.DEFAULT.cursor(cursor)).hasMessageContaining("cursor");
        assertThatThrownBy(() -> order.cursor("not base64 !")).hasMessageContaining("cursor");
        assertThatThrownBy(() -> TextQuery.cursor(cursor)).hasMessageContaining("cursor");
    }
}
