package org.the1studio.upm.core.publish;

/**
 * A step after publishing that may fail without failing the publish (changelog commit-back, a notification).
 *
 * @param kind   e.g. {@code changelog-push}, {@code notify:discord}
 * @param ok     whether it succeeded
 * @param detail one sentence (a pushed branch name, an error), never a secret
 */
public record SideEffect(String kind, boolean ok, String detail) implements java.io.Serializable {}
