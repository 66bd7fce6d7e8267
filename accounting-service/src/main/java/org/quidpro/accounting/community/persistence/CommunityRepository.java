package org.quidpro.accounting.community.persistence;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface CommunityRepository extends JpaRepository<CommunityEntity, String> {

    List<CommunityEntity> findAllByOrderById();
}
