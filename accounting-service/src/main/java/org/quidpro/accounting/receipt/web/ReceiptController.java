package org.quidpro.accounting.receipt.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import org.quidpro.accounting.community.Community;
import org.quidpro.accounting.peer.Base64Field;
import org.quidpro.accounting.peer.PeerKey;
import org.quidpro.accounting.receipt.Receipt;
import org.quidpro.accounting.receipt.RecordedReceipt;
import org.quidpro.accounting.receipt.SignedReceipt;
import org.quidpro.accounting.receipt.application.ReceiptIntake;
import org.quidpro.platform.identity.Access;
import org.quidpro.platform.identity.Caller;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

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
        ReceiptBody body = request.receipt();
        Access.require(caller, caller.isPeer(body.provider()) || caller.isPeer(body.consumer())
                || caller.role() == Caller.Role.OPERATOR, "only the provider or the consumer may report a receipt");
        var signed = new SignedReceipt(body.toReceipt(),
                Base64Field.decode("providerSignature", request.providerSignature(), PeerKey.SIGNATURE_LENGTH),
                Base64Field.decode("consumerSignature", request.consumerSignature(), PeerKey.SIGNATURE_LENGTH));
        var outcome = intake.submit(signed, caller.peerId().orElse(caller.role().name().toLowerCase()));
        return ResponseEntity.status(outcome.replayed() ? HttpStatus.OK : HttpStatus.CREATED)
                .body(ReceiptResponse.of(outcome.recorded()));
    }
}
