package org.quidpro.accounting.peer.persistence;

import org.springframework.data.jpa.repository.JpaRepository;

public interface PeerRepository extends JpaRepository<PeerEntity, String> {}
