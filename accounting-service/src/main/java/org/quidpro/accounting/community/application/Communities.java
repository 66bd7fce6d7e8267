package org.quidpro.accounting.community.application;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.quidpro.accounting.community.Community;
import org.quidpro.accounting.community.persistence.CommunityEntity;
import org.quidpro.accounting.community.persistence.CommunityRepository;
import org.quidpro.accounting.rules.Rejected;
import org.quidpro.contracts.accounting.CommunityConfigured;
import org.quidpro.contracts.accounting.ContributionUnit;
import org.quidpro.platform.events.OutboxWriter;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Operators configure communities; every change is a new revision, published for the other services. */
@Service
public class Communities {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private final CommunityRepository repository;
    private final OutboxWriter outbox;
    private final JsonMapper json;
    private final Clock clock;

    public Communities(CommunityRepository repository, OutboxWriter outbox, JsonMapper json, Clock clock) {
        this.repository = repository;
        this.outbox = outbox;
        this.json = json;
        this.clock = clock;
    }

    /** A configured community and its revision. */
    public record Configured(Community community, long revision, Instant updatedAt) {}

    /** Creates or changes a community; returns it with its new revision. */
    @Transactional
    public Configured configure(Community community) {
        var violations = Community.check(community.id(), community.unit(), community.credits(), community.rating(),
                community.allocation());
        if (!violations.isEmpty()) {
            throw new Rejected(violations);
        }
        Instant now = clock.instant();
        CommunityEntity entity = repository.findById(community.id()).orElseGet(() -> new CommunityEntity(community.id()));
        var credits = community.credits();
        entity.configure(community.unit().name(), credits.enabled(), credits.pricePerUnit(), credits.newcomerGrant(),
                credits.overdraftLimit(), json.writeValueAsString(community.rating()),
                json.writeValueAsString(community.allocation()), now);
        repository.save(entity);
        outbox.append(new CommunityConfigured(UUID.randomUUID(), now, community.id(), entity.revision(), community.unit(),
                new CommunityConfigured.CreditTerms(credits.enabled(), Community.decimal(credits.pricePerUnit()),
                        Community.decimal(credits.newcomerGrant()), Community.decimal(credits.overdraftLimit())),
                community.rating(), community.allocation()));
        return new Configured(community, entity.revision(), now);
    }

    @Transactional(readOnly = true)
    public Optional<Configured> find(String id) {
        return repository.findById(id).map(this::configured);
    }

    @Transactional(readOnly = true)
    public List<Configured> all() {
        return repository.findAllByOrderById().stream().map(this::configured).toList();
    }

    private Configured configured(CommunityEntity entity) {
        var community = new Community(entity.id(), ContributionUnit.valueOf(entity.unit()),
                new Community.CreditTerms(entity.creditsEnabled(), entity.pricePerUnit(), entity.newcomerGrant(),
                        entity.overdraftLimit()),
                json.readValue(entity.rating(), MAP), json.readValue(entity.allocation(), MAP));
        return new Configured(community, entity.revision(), entity.updatedAt());
    }

}
