package org.quidpro.rating.allocation;

/**
 * A community's rule for dividing a provider's upload capacity.
 *
 * @param newcomerShare epsilon: the part of the capacity set aside for newcomers (PropShare's optimistic
 *     share), so a new identity can start, but never more than a cooperating peer earns by its score
 * @param freeRiderFloor scores below it are not served from the proportional share
 * @param belowFloor what happens to requesters below the floor: queued for capacity nobody else can use,
 *     or refused
 */
public record AllocationPolicy(double newcomerShare, double freeRiderFloor, BelowFloor belowFloor) {

    public enum BelowFloor { QUEUE, REFUSE }

    public AllocationPolicy {
        if (!(newcomerShare >= 0 && newcomerShare < 1)) {
            throw new IllegalArgumentException("the newcomer share is in [0, 1)");
        }
        if (!(freeRiderFloor >= 0) || Double.isInfinite(freeRiderFloor)) {
            throw new IllegalArgumentException("the free-rider floor is finite and not negative");
        }
        if (belowFloor == null) {
            throw new IllegalArgumentException("say what happens below the floor");
        }
    }
}
