package org.quidpro.index.search.web;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.quidpro.contracts.Identifiers;
import org.quidpro.index.search.application.HolderOrders;
import org.quidpro.index.file.ContentHash;
import org.quidpro.index.search.HolderOrder;
import org.quidpro.index.search.TextQuery;
import org.quidpro.index.search.persistence.IndexSearch;
import org.quidpro.platform.identity.Access;
import org.quidpro.platform.identity.Caller;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The supernode's answers: who holds file Z (ranked, the asking peer left out), and which files match some
 * text. Both page with opaque keyset cursors ({@code next}).
 */
@RestController
class SearchController {

    private final IndexSearch search;
    private final HolderOrders orders;
    private final Clock clock;

    SearchController(IndexSearch search, HolderOrders orders, Clock clock) {
        this.search = search;
        this.orders = orders;
        this.clock = clock;
    }

    record Holders(IndexSearch.File file, HolderOrder order, List<IndexSearch.Holder> holders, String next) {}

    @GetMapping("/v1/communities/{community}/files/{contentHash}/holders")
    Holders holders(@PathVariable @Pattern(regexp = Identifiers.COMMUNITY_ID) String community,
            @PathVariable String contentHash,
            @RequestParam(defaultValue = "50") @Min(1) @Max(1000) int limit,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) List<@Pattern(regexp = Identifiers.PEER_ID) String> exclude, Caller caller) {
        Access.require(caller, true, "anyone authenticated");
        String hash = ContentHash.parse(contentHash).hex();
        Instant now = clock.instant();
        List<String> excluded = new ArrayList<>(exclude == null ? List.of() : exclude);
        caller.peerId().ifPresent(excluded::add); // a requester is never its own source
        HolderOrder order = orders.of(community);
        var page = search.holders(community, hash, order, excluded, Optional.ofNullable(cursor).map(order::cursor), limit,
                now);
        // An empty page (everyone excluded, or past the last) still needs the file, or a 404 if nobody holds it.
        IndexSearch.File file = page.file().or(() -> search.file(community, hash, now)).filter(f -> f.holders() > 0)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                        "nobody holds " + hash + " in " + community));
        return new Holders(file, order, page.holders(), page.next());
    }

    record Files(String query, List<IndexSearch.File> files, String next) {}

    @GetMapping("/v1/communities/{community}/files")
    Files files(@PathVariable @Pattern(regexp = Identifiers.COMMUNITY_ID) String community,
            @RequestParam(required = false) String q,
            @RequestParam(defaultValue = "20") @Min(1) @Max(200) int limit,
            @RequestParam(required = false) String cursor, Caller caller) {
        Access.require(caller, true, "anyone authenticated");
        TextQuery query = TextQuery.parse(q);
        var page = search.files(community, query, Optional.ofNullable(cursor).map(TextQuery::cursor), limit,
                clock.instant());
        return new Files(query.text(), page.items(), page.next());
    }
}
