package org.quidpro.coalition;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Owns coalition formation and the division of each coalition's value. */
@SpringBootApplication
public class CoalitionServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(CoalitionServiceApplication.class, args);
    }
}
