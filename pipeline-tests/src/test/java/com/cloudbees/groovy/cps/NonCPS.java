package com.cloudbees.groovy.cps;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Test stand-in for Jenkins' {@code com.cloudbees.groovy.cps.NonCPS} (groovy-cps lives only in the Jenkins
 * repository). Same name, target and retention, so the library compiles here exactly as it is written for Jenkins.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface NonCPS {}
