package org.quidpro.accounting.community.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import org.hibernate.annotations.ColumnTransformer;

/** The stored form of a community; the domain's {@code Community} is built from it. */
@Entity
@Table(name = "community")
public class CommunityEntity {

    @Id
    String id;

    long revision;

    String unit;

    boolean creditsEnabled;

    BigDecimal pricePerUnit;

    BigDecimal newcomerGrant;

    BigDecimal overdraftLimit;

    @Column(columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    String rating;

    @Column(columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    String allocation;

    Instant updatedAt;

    protected CommunityEntity() {}

    public CommunityEntity(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public long revision() {
        return revision;
    }

    public String unit() {
        return unit;
    }

    public boolean creditsEnabled() {
        return creditsEnabled;
    }

    public BigDecimal pricePerUnit() {
        return pricePerUnit;
    }

    public BigDecimal newcomerGrant() {
        return newcomerGrant;
    }

    public BigDecimal overdraftLimit() {
        return overdraftLimit;
    }

    public String rating() {
        return rating;
    }

    public String allocation() {
        return allocation;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    /** Applies a new configuration as the next revision. */
    public void configure(String unit, boolean creditsEnabled, BigDecimal pricePerUnit, BigDecimal newcomerGrant,
            BigDecimal overdraftLimit, String rating, String allocation, Instant now) {
        this.revision++;
        this.unit = unit;
        this.creditsEnabled = creditsEnabled;
        this.pricePerUnit = pricePerUnit;
        this.newcomerGrant = newcomerGrant;
        this.overdraftLimit = overdraftLimit;
        this.rating = rating;
        this.allocation = allocation;
        this.updatedAt = now;
    }
}
