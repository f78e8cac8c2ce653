package org.the1studio.upm.pipeline.harness;

/**
 * The {@code currentBuild} global (a {@code RunWrapper}): {@code result} can be set but only gets worse, as in
 * Jenkins; {@code currentResult} is the result so far; {@code description}/{@code displayName} are recorded.
 */
public final class CurrentBuild {
    private Result result = Result.SUCCESS;
    private boolean resultSet;
    private String description;
    private String displayName;
    private final int number;

    CurrentBuild(int number) {
        this.number = number;
    }

    /** {@code null} until something sets it, as in Jenkins while the build runs. */
    public String getResult() {
        return resultSet ? result.name() : null;
    }

    public void setResult(String value) {
        Result r = Result.valueOf(value);
        result = result.combine(r);
        resultSet = true;
    }

    public String getCurrentResult() {
        return result.name();
    }

    void worsen(Result r) {
        result = result.combine(r);
        resultSet = true;
    }

    Result result() {
        return result;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    public String getDisplayName() {
        return displayName == null ? "#" + number : displayName;
    }

    public void setDisplayName(String displayName) {
        this.displayName = displayName;
    }

    public int getNumber() {
        return number;
    }
}
