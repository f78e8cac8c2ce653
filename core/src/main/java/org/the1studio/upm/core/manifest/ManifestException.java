package org.the1studio.upm.core.manifest;

import java.util.List;
import java.util.stream.Collectors;

/** A manifest that cannot be used: unreadable, malformed, or failing validation. Carries every issue found. */
public class ManifestException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient List<ManifestIssue> issues;

    public ManifestException(List<ManifestIssue> issues) {
        super(issues.stream().map(ManifestIssue::describe).collect(Collectors.joining("; ")));
        this.issues = List.copyOf(issues);
    }

    public ManifestException(ManifestIssue issue, Throwable cause) {
        super(issue.describe(), cause);
        this.issues = List.of(issue);
    }

    /** Every issue, in the order found. */
    public List<ManifestIssue> issues() {
        return issues;
    }
}
