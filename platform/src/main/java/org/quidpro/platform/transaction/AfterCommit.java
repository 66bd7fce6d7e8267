package org.quidpro.platform.transaction;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Work that must see the transaction's writes committed: waking the outbox relay, dropping what a read cache
 * holds of the rows written.
 */
public final class AfterCommit {

    private AfterCommit() {}

    /** Runs {@code action} once the current transaction commits, or now when none is active. */
    public static void run(Runnable action) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    action.run();
                }
            });
        } else {
            action.run();
        }
    }
}
