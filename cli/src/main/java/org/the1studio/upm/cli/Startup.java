package org.the1studio.upm.cli;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.eclipse.jgit.errors.ConfigInvalidException;
import org.eclipse.jgit.util.SystemReader;
import org.the1studio.upm.core.io.Json;

/**
 * Start-up work of a fresh {@code upm} process done on a second thread while picocli models the command line: JGit's
 * file-system and system-configuration set-up, then the engine's shared Jackson mapper (class loading and
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
        } finally {
            gitReady.countDown();
        }
        try {
            SystemReader.getInstance().getUserConfig(); // reads and caches git's system and user configuration
        } catch (IOException | ConfigInvalidException e) {
            // JGit reports it again when the repository is opened
        }
        try {
            Json.MAPPER.readTree("{\"warm\":[1,\"x\",true,null]}");
        } catch (IOException e) {
            // warming only
        }
    }

    /** Blocks until JGit knows git's system configuration (or was left to find it itself). */
    void awaitGit() {
        try {
            gitReady.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
