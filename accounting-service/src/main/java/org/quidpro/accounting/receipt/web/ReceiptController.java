package org.quidpro.accounting.receipt.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import org.quidpro.accounting.community.Community;
import org.quidpro.accounting.peer.Base64Field;
import org.quidpro.accounting.peer.PeerKey;
import org.quidpro.accounting.receipt.Receipt;
import org.quidpro.accounting.receipt.RecordedReceipt;
import org.quidpro.accounting.receipt.SignedReceipt;
import org.quidpro.accounting.receipt.application.ReceiptIntake;
import org.quidpro.platform.identity.Access;
import org.quidpro.accounting.rules.Rejected;
import org.quidpro.platform.identity.Caller;
import org.quidpro.platform.web.ProblemResponses.FieldError;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Either party reports a receipt both signed: 201 when recorded now, 200 with the same body for a replay. */
@RestController
class ReceiptController {

    private final ReceiptIntake intake;

    ReceiptController(ReceiptIntake intake) {
        this.intake = intake;
    }

    record ReceiptBody(@NotBlank String community, @NotBlank String provider, @NotBlank String consumer,
            @NotNull Long amount, String contentHash, @NotNull Instant startedAt, @NotNull Instant endedAt,
            @NotNull Boolean satisfied, Integer score, @NotBlank String nonce) {

        Receipt toReceipt() {
            return new Receipt(community, provider, consumer, amount, contentHash, startedAt, endedAt, satisfied, score,
                    nonce);
        }
    }

    /** Signatures are Ed25519 over the receipt's canonical bytes, base64url. */
    record SubmitRequest(@NotNull @Valid ReceiptBody receipt, @NotBlank String providerSignature,
            @NotBlank String consumerSignature) {}

    /** @param credits what the consumer paid the provider, or null where credits are off */
    record ReceiptResponse(String receiptId, String community, String provider, String consumer, long amount,
            String credits, Instant recordedAt) {

        static ReceiptResponse of(RecordedReceipt recorded) {
            Receipt r = recorded.receipt();
            return new ReceiptResponse(recorded.id(), r.community(), r.provider(), r.consumer(), r.amount(),
                    recorded.credits() == null ? null : Community.decimal(recorded.credits()), recorded.recordedAt());
        }
    }

    @PostMapping("/v1/receipts")
    ResponseEntity<ReceiptResponse> submit(@Valid @RequestBody SubmitRequest request, Caller caller) {
        var outcome = accept(request, caller);
        return ResponseEntity.status(outcome.replayed() ? HttpStatus.OK : HttpStatus.CREATED)
                .body(ReceiptResponse.of(outcome.recorded()));
    }

    private ReceiptIntake.Outcome accept(SubmitRequest request, Caller caller) {
        ReceiptBody body = request.receipt();
        Access.require(caller, caller.isPeer(body.provider()) || caller.isPeer(body.consumer())
                || caller.role() == Caller.Role.OPERATOR, "only the provider or the consumer may report a receipt");
        var signed = new SignedReceipt(body.toReceipt(),
                Base64Field.decode("providerSignature", request.providerSignature(), PeerKey.SIGNATURE_LENGTH),
                Base64Field.decode("consumerSignature", request.consumerSignature(), PeerKey.SIGNATURE_LENGTH));
        return intake.submit(signed, caller.peerId().orElse(caller.role().name().toLowerCase()));
    }

    record BatchRequest(@NotNull @Size(min = 1, max = MAX_BATCH) List<@NotNull @Valid SubmitRequest> receipts) {}

    /**
     * One receipt's result in a batch: the status it would have had alone (201, 200 for a replay, 403,
     * 422) and either the receipt or the reasons it was refused.
     */
    record BatchItem(int index, int status, ReceiptResponse receipt, List<FieldError> errors) {}

    record BatchResponse(int recorded, int replayed, int refused, List<BatchItem> items) {}

    static final int MAX_BATCH = 1000;

    /**
     * Many receipts in one request (a peer catching up after being offline). Each receipt is checked and
     * recorded on its own, in its own transaction, exactly as if it came alone: one refused receipt does
     * not hold back the others. The answer is 200 with a result per receipt, in order.
     */
    @PostMapping("/v1/receipts/batch")
    BatchResponse submitBatch(@Valid @RequestBody BatchRequest request, Caller caller) {
        List<SubmitRequest> receipts = request.receipts();
        BatchItem[] items = new BatchItem[receipts.size()];
        try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
            Semaphore parallelism = new Semaphore(BATCH_PARALLELISM);
            for (int i = 0; i < items.length; i++) {
                int index = i;
                parallelism.acquireUninterruptibly();
                workers.submit(() -> {
                    try {
                        items[index] = item(index, receipts.get(index), caller);
                    } finally {
                        parallelism.release();
                    }
                });
            }
        }
        int recorded = 0;
        int replayed = 0;
        for (BatchItem item : items) {
            recorded += item.status() == 201 ? 1 : 0;
            replayed += item.status() == 200 ? 1 : 0;
        }
        return new BatchResponse(recorded, replayed, items.length - recorded - replayed, List.of(items));
    }

    /** Receipts of one batch checked and recorded at once: enough to keep both cores and a few connections busy. */
    static final int BATCH_PARALLELISM = 8;

    private BatchItem item(int index, SubmitRequest request, Caller caller) {
        try {
            var outcome = accept(request, caller);
            return new BatchItem(index, outcome.replayed() ? 200 : 201, ReceiptResponse.of(outcome.recorded()), List.of());
        } catch (Rejected rejected) {
            return new BatchItem(index, 422, null, rejected.violations().stream()
                    .map(v -> new FieldError(v.field(), v.reason())).toList());
        } catch (ResponseStatusException refused) {
            return new BatchItem(index, refused.getStatusCode().value(), null,
                    List.of(new FieldError("receipt", refused.getReason())));
        }
    }
}
