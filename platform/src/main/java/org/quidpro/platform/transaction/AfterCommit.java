package org.quidpro.rating.config;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Work that must see the transaction's writes committed: dropping what a read cache holds of them. */
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
