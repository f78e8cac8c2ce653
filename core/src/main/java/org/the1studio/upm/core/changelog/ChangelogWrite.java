package org.the1studio.upm.core.changelog;

import java.nio.file.Path;

/**
 * The result of merging an entry into a {@code CHANGELOG.md}.
 *
 * @param file    the changelog file
 * @param changed {@code false} when the file already had a section for the version and was left untouched
 */
public record ChangelogWrite(Path file, boolean changed) {
}
