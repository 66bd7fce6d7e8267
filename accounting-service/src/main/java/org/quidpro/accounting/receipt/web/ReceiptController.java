package org.quidpro.accounting.receipt.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.ArrayList;
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
        return intake.submit(signed(request, caller), submitter(caller));
    }

    /** The receipt with its decoded signatures, if the caller may report it. */
    private static SignedReceipt signed(SubmitRequest request, Caller caller) {
        ReceiptBody body = request.receipt();
        Access.require(caller, caller.isPeer(body.provider()) || caller.isPeer(body.consumer())
                || caller.role() == Caller.Role.OPERATOR, "only the provider or the consumer may report a receipt");
        return new SignedReceipt(body.toReceipt(),
                Base64Field.decode("providerSignature", request.providerSignature(), PeerKey.SIGNATURE_LENGTH),
                Base64Field.decode("consumerSignature", request.consumerSignature(), PeerKey.SIGNATURE_LENGTH));
    }

    private static String submitter(Caller caller) {
        return caller.peerId().orElse(caller.role().name().toLowerCase());
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
     * recorded exactly as if it came alone, and one refused receipt does not hold back the others; the
     * accepted ones share one transaction. The answer is 200 with a result per receipt, in order.
     */
    @PostMapping("/v1/receipts/batch")
    BatchResponse submitBatch(@Valid @RequestBody BatchRequest request, Caller caller) {
        List<SubmitRequest> receipts = request.receipts();
        BatchItem[] items = new BatchItem[receipts.size()];
        List<Integer> admitted = new ArrayList<>();
        List<SignedReceipt> signed = new ArrayList<>();
        for (int i = 0; i < items.length; i++) {
            try {
                signed.add(signed(receipts.get(i), caller));
                admitted.add(i);
            } catch (Rejected rejected) {
                items[i] = refused(i, 422, rejected);
            } catch (ResponseStatusException refused) {
                items[i] = new BatchItem(i, refused.getStatusCode().value(), null,
                        List.of(new FieldError("receipt", refused.getReason())));
            }
        }
        List<ReceiptIntake.Result> results = intake.submitAll(signed, submitter(caller));
        for (int k = 0; k < admitted.size(); k++) {
            int i = admitted.get(k);
            ReceiptIntake.Result result = results.get(k);
            items[i] = result.rejection() != null ? refused(i, 422, result.rejection())
                    : new BatchItem(i, result.outcome().replayed() ? 200 : 201, ReceiptResponse.of(result.outcome().recorded()),
                            List.of());
        }
        int recorded = 0;
        int replayed = 0;
        for (BatchItem item : items) {
            recorded += item.status() == 201 ? 1 : 0;
            replayed += item.status() == 200 ? 1 : 0;
        }
        return new BatchResponse(recorded, replayed, items.length - recorded - replayed, List.of(items));
    }

    private static BatchItem refused(int index, int status, Rejected rejected) {
        return new BatchItem(index, status, null,
                rejected.violations().stream().map(v -> new FieldError(v.field(), v.reason())).toList());
    }
}
