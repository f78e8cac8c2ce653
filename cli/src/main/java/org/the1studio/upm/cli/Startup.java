package org.the1studio.upm.cli;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.eclipse.jgit.errors.ConfigInvalidException;
import org.eclipse.jgit.util.SystemReader;
import org.the1studio.upm.core.io.Json;

/**
 * Start-up work of a fresh {@code upm} process done on a second thread while picocli models the command line: JGit's
 * file-system set-up and git's system and user configuration, then the engine's shared Jackson mapper (class loading and
 * initialisation that the run would otherwise do on its critical path). The command waits only for the git part,
 * which must be in place before JGit reads any configuration.
 */
final class Startup {
    private final CountDownLatch gitReady = new CountDownLatch(1);

    private Startup() {}

    static Startup begin(Map<String, String> env) {
        Startup startup = new Startup();
        Thread t = new Thread(() -> startup.run(env), "upm-startup");
        t.setDaemon(true);
        t.start();
        return startup;
    }

    private void run(Map<String, String> env) {
        try {
            UpmCommand.useKnownGitSystemConfig(env);
            // read and cache git's system and user configuration here, before the command may open a repository:
            // JGit shares them between threads but does not expect two to load them at once
            SystemReader.getInstance().getUserConfig();
        } catch (IOException | ConfigInvalidException | RuntimeException e) {
            // JGit reports it again when the repository is opened
        } finally {
            gitReady.countDown();
        }
        try {
            Json.MAPPER.readTree("{\"warm\":[1,\"x\",true,null]}");
        } catch (IOException e) {
            // warming only
        }
    }

    /** Blocks until JGit knows where git's system configuration is and has read it and the user's. */
    void awaitGit() {
        try {
            gitReady.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
