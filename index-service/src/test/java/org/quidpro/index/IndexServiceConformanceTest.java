package org.quidpro.index;

import org.quidpro.testkit.spring.ServiceConformance;

class IndexServiceConformanceTest extends ServiceConformance {

    IndexServiceConformanceTest() {
        super("org.quidpro.index", "index");
    }
}
