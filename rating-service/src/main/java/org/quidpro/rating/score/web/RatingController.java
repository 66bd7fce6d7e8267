package org.quidpro.rating.score.web;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import org.quidpro.rating.score.persistence.RatingStore;
import org.quidpro.rating.score.persistence.RatingStore.Rating;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Current ratings: one peer's, or a community's best k. */
@RestController
class RatingController {

    private final RatingStore ratings;

    RatingController(RatingStore ratings) {
        this.ratings = ratings;
    }

    @GetMapping("/v1/communities/{community}/ratings/{peerId}")
    Rating rating(@PathVariable String community, @PathVariable String peerId) {
        return ratings.find(community, peerId).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                "no rating of " + peerId + " in " + community + " yet"));
    }

    @GetMapping("/v1/communities/{community}/ratings")
    List<Rating> top(@PathVariable String community, @RequestParam(defaultValue = "10") @Min(1) @Max(1000) int limit) {
        return ratings.top(community, limit);
    }
}
