package org.the1studio.upm.core.publish;

/**
 * Where a run happened: what every audit record and notification says about its context.
 *
 * @param repository repository URL or name (credentials stripped), or {@code null}
 * @param commit     head commit id
 * @param baseCommit base commit id, or {@code null} for the empty tree
 * @param author     head commit author name
 * @param message    head commit subject line
 * @param branch     branch name, or {@code null} when detached
 * @param registry   registry URL (no credentials)
 * @param buildUrl   CI build URL, or {@code null}
 */
public record RunInfo(
        String repository,
        String commit,
        String baseCommit,
        String author,
        String message,
        String branch,
        String registry,
        String buildUrl) implements java.io.Serializable {}
