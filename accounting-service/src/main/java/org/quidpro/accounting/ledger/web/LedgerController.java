package org.quidpro.accounting.ledger.web;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.quidpro.accounting.community.Community;
import org.quidpro.accounting.community.application.Communities;
import org.quidpro.accounting.ledger.Account;
import org.quidpro.accounting.ledger.PairTotal;
import org.quidpro.accounting.ledger.persistence.Ledger;
import org.quidpro.accounting.receipt.Receipt;
import org.quidpro.accounting.receipt.RecordedReceipt;
import org.quidpro.accounting.receipt.persistence.ReceiptStore;
import org.quidpro.accounting.rules.Rejected;
import org.quidpro.platform.identity.Access;
import org.quidpro.platform.identity.Caller;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** A member's account, its statement of receipts, and pair totals: for the peer itself, analysts and operators. */
@RestController
class LedgerController {

    private final Ledger ledger;
    private final ReceiptStore receipts;
    private final Communities communities;

    LedgerController(Ledger ledger, ReceiptStore receipts, Communities communities) {
        this.ledger = ledger;
        this.receipts = receipts;
        this.communities = communities;
    }

    record AccountResponse(String community, String peerId, Instant joinedAt, long provided, long consumed,
            long receiptsProvided, long receiptsConsumed, boolean creditsEnabled, String balance, String granted) {}

    /**
     * One receipt from the peer's side: {@code role} PROVIDED or CONSUMED, {@code credits} signed (+ received,
     * - paid) or null without credits.
     */
    record StatementLine(String receiptId, String role, String counterparty, long amount, String credits,
            String contentHash, Instant startedAt, Instant endedAt, boolean satisfied, Integer score, Instant recordedAt) {}

    /** @param next the cursor for the following page, or null on the last page */
    record StatementPage(List<StatementLine> lines, String next) {}

    @GetMapping("/v1/communities/{community}/accounts/{peerId}")
    @Transactional(readOnly = true)
    AccountResponse account(@PathVariable String community, @PathVariable String peerId, Caller caller) {
        Access.requireReader(caller, peerId);
        Account account = ledger.account(community, peerId).orElseThrow(() -> new ResponseStatusException(
                HttpStatus.NOT_FOUND, "peer " + peerId + " is not a member of " + community));
        boolean credits = communities.find(community).orElseThrow().community().credits().enabled();
        return new AccountResponse(community, peerId, account.joinedAt(), account.provided(), account.consumed(),
                account.receiptsProvided(), account.receiptsConsumed(), credits, Community.decimal(account.balance()),
                Community.decimal(account.granted()));
    }

    /** Receipts that ended in [from, to), oldest first, {@code limit} at a time. */
    @GetMapping("/v1/communities/{community}/accounts/{peerId}/statement")
    @Transactional(readOnly = true)
    StatementPage statement(@PathVariable String community, @PathVariable String peerId,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit,
            @RequestParam(required = false) String after, Caller caller) {
        Access.requireReader(caller, peerId);
        if (!ledger.isMember(community, peerId)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "peer " + peerId + " is not a member of " + community);
        }
        List<RecordedReceipt> page = receipts.statement(community, peerId, from == null ? Instant.EPOCH : from,
                to == null ? Instant.parse("9999-12-31T00:00:00Z") : to, decode(after), limit);
        List<StatementLine> lines = page.stream().map(recorded -> line(recorded, peerId)).toList();
        String next = page.size() < limit ? null : encode(page.getLast());
        return new StatementPage(lines, next);
    }

    @GetMapping("/v1/communities/{community}/pairs/{provider}/{consumer}")
    @Transactional(readOnly = true)
    PairTotal pair(@PathVariable String community, @PathVariable String provider, @PathVariable String consumer,
            Caller caller) {
        Access.requireReader(caller, provider, consumer);
        return ledger.pair(community, provider, consumer).orElse(new PairTotal(community, provider, consumer, 0, 0, 0));
    }

    private static StatementLine line(RecordedReceipt recorded, String peerId) {
        Receipt r = recorded.receipt();
        boolean provided = r.provider().equals(peerId);
        String credits = recorded.credits() == null ? null
                : Community.decimal(provided ? recorded.credits() : recorded.credits().negate());
        return new StatementLine(recorded.id(), provided ? "PROVIDED" : "CONSUMED", provided ? r.consumer() : r.provider(),
                r.amount(), credits, r.contentHash(), r.startedAt(), r.endedAt(), r.satisfied(), r.score(),
                recorded.recordedAt());
    }

    /** The cursor is the last line's (endedAt, receipt id), base64url: opaque to clients. */
    private static String encode(RecordedReceipt last) {
        String position = last.receipt().endedAt().toEpochMilli() + ":" + last.id();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(position.getBytes(StandardCharsets.UTF_8));
    }

    private static ReceiptStore.Position decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return ReceiptStore.Position.START;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split(":", 2);
            return new ReceiptStore.Position(Instant.ofEpochMilli(Long.parseLong(parts[0])), parts[1]);
        } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            throw new Rejected("after", "not a cursor from a previous page");
        }
    }
}
