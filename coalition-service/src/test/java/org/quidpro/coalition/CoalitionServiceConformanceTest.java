package org.quidpro.coalition;

import org.quidpro.testkit.spring.ServiceConformance;

class CoalitionServiceConformanceTest extends ServiceConformance {

    CoalitionServiceConformanceTest() {
        super("org.quidpro.coalition", "coalition");
    }
}
