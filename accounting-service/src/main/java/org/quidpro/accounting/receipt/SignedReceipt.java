package org.quidpro.accounting.receipt;

/** A receipt with the provider's and the consumer's Ed25519 signatures over its canonical bytes. */
public record SignedReceipt(Receipt receipt, byte[] providerSignature, byte[] consumerSignature) {}
