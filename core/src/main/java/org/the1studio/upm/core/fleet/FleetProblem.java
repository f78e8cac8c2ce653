package org.the1studio.upm.core.fleet;

/**
 * Something that kept the check from classifying part of the fleet (a repository that could not be read, a
 * registry that did not answer, a name used by two repositories).
 *
 * @param repository the repository URL, or {@code null}
 * @param subject    package name or {@code null}
 * @param message    what went wrong and what to do
 */
public record FleetProblem(String repository, String subject, String message) {}
