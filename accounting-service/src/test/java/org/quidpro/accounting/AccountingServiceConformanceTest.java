package org.quidpro.accounting;

import org.quidpro.testkit.spring.ServiceConformance;

class AccountingServiceConformanceTest extends ServiceConformance {

    AccountingServiceConformanceTest() {
        super("org.quidpro.accounting", "accounting");
    }
}
