package org.quidpro.gateway;

import org.quidpro.testkit.spring.ServiceConformance;

class GatewayConformanceTest extends ServiceConformance {

    GatewayConformanceTest() {
        super("org.quidpro.gateway", "gateway");
    }
}
