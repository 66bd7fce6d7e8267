package org.quidpro.rating;

import org.quidpro.testkit.spring.ServiceConformance;

class RatingServiceConformanceTest extends ServiceConformance {

    RatingServiceConformanceTest() {
        super("org.quidpro.rating", "rating");
    }
}
