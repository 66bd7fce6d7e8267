package org.quidpro.simulator.community;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.erdtman.jcs.JsonCanonicalizer;
import org.quidpro.client.model.ReceiptBody;
import org.quidpro.client.model.SubmitRequest;

/**
 * Both parties sign a receipt's canonical bytes: RFC 8785 (JCS) over the receipt's members with the kind
 * and version, times as epoch milliseconds (accounting's README, "Receipts"). The canonical form comes
 * from an independent JCS implementation, as any client's would.
 */
public final class ReceiptSigning {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ReceiptSigning() {}

    /** The bytes both parties sign. */
    public static byte[] canonicalBytes(ReceiptBody receipt) {
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("kind", "quidpro-receipt");
        members.put("version", 1);
        members.put("community", receipt.getCommunity());
        members.put("provider", receipt.getProvider());
        members.put("consumer", receipt.getConsumer());
        members.put("amount", receipt.getAmount());
        if (receipt.getContentHash() != null) {
            members.put("contentHash", receipt.getContentHash());
        }
        members.put("startedAt", receipt.getStartedAt().toInstant().toEpochMilli());
        members.put("endedAt", receipt.getEndedAt().toInstant().toEpochMilli());
        members.put("satisfied", receipt.getSatisfied());
        if (receipt.getScore() != null) {
            members.put("score", receipt.getScore());
        }
        members.put("nonce", receipt.getNonce());
        try {
            return new JsonCanonicalizer(JSON.writeValueAsString(members)).getEncodedUTF8();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The receipt with both signatures, ready for {@code POST /v1/receipts}. */
    public static SubmitRequest signed(ReceiptBody receipt, Identity provider, Identity consumer) {
        byte[] canonical = canonicalBytes(receipt);
        return new SubmitRequest().receipt(receipt).providerSignature(provider.sign(canonical))
                .consumerSignature(consumer.sign(canonical));
    }
}
