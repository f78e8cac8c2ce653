import com.cloudbees.groovy.cps.NonCPS
import org.the1studio.upm.Agent
import org.the1studio.upm.Notices
import org.the1studio.upm.Params

/*
 * upmPublish(): the whole Jenkinsfile of a Unity package repository.
 *
 *   upmPublish()
 *   upmPublish(changelog: 'ai', packages: ['com.acme.tools'], agent: 'upm-large')
 *
 * A declarative pipeline with the stages Detect, Validate, Publish, Changelog and Notify. The plugin steps
 * (upmDetectChanges, upmPublishPackages, upmChangelog) do the work on the agent; this file decides which stages run
 * and says why the others are skipped. Parameters and behaviour: vars/upmPublish.txt.
 */

def call(Map args = [:]) {
    Map cfg
    try {
        cfg = Params.check('upmPublish', args, spec())
    } catch (IllegalArgumentException bad) {
        error(bad.message)
    }
    // decided before any agent starts: the branch and pull request are known from the job
    Map decision = decide(env.BRANCH_NAME ?: localBranch(env.GIT_BRANCH), env.CHANGE_ID, cfg.branches, cfg.dryRun)
    Map state = [dryRun: decision.dryRun, mode: decision.reason, skip: null, stage: null, error: null,
                 changes: [], plan: [], results: [], engineRan: false]
    String template = cfg.agent ?: ''
    String podYaml = Agent.podYaml(this, template)
    String keepDays = "${cfg.retentionDays}"
    int minutes = cfg.timeoutMinutes

    pipeline {
        agent {
            kubernetes {
                inheritFrom template
                yaml podYaml
            }
        }
        options {
            disableConcurrentBuilds()
            buildDiscarder(logRotator(daysToKeepStr: keepDays, artifactDaysToKeepStr: keepDays))
            timeout(time: minutes, unit: 'MINUTES')
            timestamps()
        }
        stages {
            stage('Detect') {
                steps {
                    script { guarded(state, 'Detect') { detect(cfg, state) } }
                }
            }
            stage('Validate') {
                when { expression { proceed(cfg, state, 'Validate') } }
                steps {
                    script { guarded(state, 'Validate') { validate(cfg, state) } }
                }
            }
            stage('Publish') {
                when { expression { proceed(cfg, state, 'Publish') } }
                steps {
                    script { guarded(state, 'Publish') { publish(cfg, state) } }
                }
            }
            stage('Changelog') {
                when { expression { proceed(cfg, state, 'Changelog') } }
                steps {
                    script { guarded(state, 'Changelog') { changelog(cfg, state) } }
                }
            }
            stage('Notify') {
                when { expression { proceed(cfg, state, 'Notify') } }
                steps {
                    script { guarded(state, 'Notify') { report(state) } }
                }
            }
        }
        post {
            always {
                archiveArtifacts(artifacts: 'upm-audit/**', allowEmptyArchive: true)
            }
            failure {
                script { notifyFailure(cfg, state) }
            }
        }
    }
}

/** Runs one stage's work, remembering which stage failed and why, for the failure notification. */
def guarded(Map state, String stage, Closure body) {
    state.stage = stage
    try {
        body()
    } catch (err) {
        state.error = "${stage}: ${err.message ?: err.getClass().simpleName}".toString()
        throw err
    }
}

/** The when-condition of every stage after Detect: says in the log why a stage is skipped. */
boolean proceed(Map cfg, Map state, String stage) {
    String reason = skipReason(cfg, state, stage)
    if (reason) {
        echo "[upm] ${stage} skipped: ${reason}"
        return false
    }
    return true
}

void detect(Map cfg, Map state) {
    String message = sh(script: 'git log -1 --format=%B HEAD', returnStdout: true)
    if (isSkipCi(message)) {
        state.skip = 'the commit is marked [skip ci] (the changelog commit of an earlier publish)'
        echo "[upm] ${state.skip}: nothing to do"
        currentBuild.result = 'NOT_BUILT'
        currentBuild.description = 'skipped: [skip ci]'
        return
    }
    echo "[upm] ${state.mode}"
    List found = (cfg.base ? upmDetectChanges(base: cfg.base) : upmDetectChanges()) ?: []
    List changes = select(found, cfg.packages)
    state.changes = changes
    if (!changes) {
        state.skip = found ? "none of the changed packages is selected by packages: ${cfg.packages}".toString()
                : 'no package version changed since the last successful build'
        echo "[upm] ${state.skip}"
        currentBuild.description = 'no version change'
        return
    }
    echo changeTable(changes)
}

void validate(Map cfg, Map state) {
    state.plan = upmPublishPackages(publishArgs(cfg, true)) ?: []
    echo outcomeTable(state.plan, true)
}

void publish(Map cfg, Map state) {
    state.results = upmPublishPackages(publishArgs(cfg, false)) ?: []
    // the step returned: the engine ran to its end and has sent its own notification (failures included)
    state.engineRan = true
    echo outcomeTable(state.results, false)
}

void changelog(Map cfg, Map state) {
    if (state.dryRun) {
        // a preview only (write: false): it must never fail a dry run
        for (Map p in wouldPublish(state.plan)) {
            try {
                def entry = upmChangelog(previewArgs(cfg, p))
                echo "[upm] changelog entry that ${p.name}@${p.newVersion} would get:\n${entryText(entry)}"
            } catch (err) {
                echo "[upm] no changelog preview for ${p.name}@${p.newVersion}: ${err.message}"
            }
        }
        return
    }
    List files = changelogFiles(state.results)
    for (String f in files) {
        echo "[upm] changelog written: ${f}"
    }
    archiveArtifacts(artifacts: files.join(','), allowEmptyArchive: true)
}

void report(Map state) {
    List rows = state.dryRun ? state.plan : state.results
    currentBuild.description = describe(rows, state.dryRun)
    echo "[upm] ${currentBuild.description}"
    if (!state.dryRun) {
        echo '[upm] the publish step has sent the run\'s notifications (Discord, Slack, webhook: as configured)'
    }
}

void notifyFailure(Map cfg, Map state) {
    if (!cfg.notify || state.dryRun || state.engineRan) {
        // dry runs stay quiet; after the publish step ran, the engine has already reported its own failures
        return
    }
    Notices.failure(this, "upmPublish on ${env.JOB_NAME ?: 'this job'} #${env.BUILD_NUMBER ?: '?'}".toString(),
            state.error ?: 'the build failed before the publish step could report')
}

// ---- pure helpers (no steps): @NonCPS ----

@NonCPS
Map spec() {
    return [
        registry        : [type: 'string', pattern: '(?i)https?://\\S+',
                           hint: 'the registry URL, e.g. https://npm.example.com/; default: the global upmPublisher setting'],
        credentialsId   : [type: 'string', hint: 'id of the Secret text credential holding the registry token'],
        gitCredentialsId: [type: 'string', hint: 'id of the credential used to push the changelog commit'],
        packages        : [type: 'list', hint: "package names or folders, e.g. ['com.acme.tools']"],
        base            : [type: 'string', pattern: '[\\w./~^@{}-]+',
                           hint: 'the commit to compare with; default: the last successful build\'s commit'],
        changelog       : [type: 'string', values: ['ai', 'conventional', 'off']],
        notify          : [type: 'boolean', default: true],
        agent           : [type: 'string', pattern: '[a-z0-9]([-a-z0-9.]*[a-z0-9])?',
                           hint: 'the name of a pod template of the Kubernetes cloud'],
        branches        : [type: 'list', default: ['main', 'master'], hint: "branch names or globs, e.g. ['main', 'release/*']"],
        dryRun          : [type: 'boolean', default: false],
        changelogPreview: [type: 'boolean', default: true],
        timeoutMinutes  : [type: 'integer', default: 30, min: 1, max: 720],
        retentionDays   : [type: 'integer', default: 90, min: 1, max: 3650],
    ]
}

/** Publish only on an allowed branch, never for a pull request; everything else is a dry run, and says why. */
@NonCPS
Map decide(String branch, String changeId, List patterns, boolean forcedDryRun) {
    if (changeId) {
        return [dryRun: true, reason: "pull request #${changeId} (${branch ?: 'unknown branch'}): dry run, nothing is published".toString()]
    }
    if (!branch) {
        return [dryRun: true, reason: 'no branch name (not a multibranch or organization folder job): dry run, nothing is published']
    }
    if (forcedDryRun) {
        return [dryRun: true, reason: "branch ${branch}: dry run requested (dryRun: true), nothing is published".toString()]
    }
    if (patterns.any { String p -> branch ==~ globRegex(p) }) {
        return [dryRun: false, reason: "branch ${branch}: changed package versions are published".toString()]
    }
    return [dryRun: true, reason: "branch ${branch} is not a publish branch (${patterns.join(', ')}): dry run, nothing is published".toString()]
}

@NonCPS
String globRegex(String glob) {
    return glob.collect { String ch -> ch == '*' ? '.*' : ch == '?' ? '.' : java.util.regex.Pattern.quote(ch) }.join('')
}

/** {@code origin/main} -> {@code main} (plain pipeline jobs only know GIT_BRANCH). */
@NonCPS
String localBranch(String gitBranch) {
    return gitBranch ? gitBranch.replaceFirst('^(refs/heads/|refs/remotes/)?origin/', '') : null
}

@NonCPS
boolean isSkipCi(String message) {
    String m = (message ?: '').toLowerCase(Locale.ROOT)
    return m.contains('[skip ci]') || m.contains('[ci skip]')
}

@NonCPS
String skipReason(Map cfg, Map state, String stage) {
    if (state.skip) {
        return state.skip
    }
    switch (stage) {
        case 'Validate':
        case 'Notify':
            return null
        case 'Publish':
            if (state.dryRun) {
                return state.mode
            }
            return wouldPublish(state.plan) ? null
                    : 'nothing to publish: every detected version is already published or was refused (see Validate)'
        case 'Changelog':
            if (cfg.changelog == 'off') {
                return 'changelog: off'
            }
            if (state.dryRun) {
                if (!cfg.changelogPreview) {
                    return 'dry run, and changelogPreview: false'
                }
                return wouldPublish(state.plan) ? null : 'dry run with nothing that would be published'
            }
            return changelogFiles(state.results) ? null : 'no changelog entry was written'
        default:
            return null
    }
}

/** The arguments of upmPublishPackages: only what the Jenkinsfile set, so the global configuration decides the rest. */
@NonCPS
Map publishArgs(Map cfg, boolean dryRun) {
    Map a = [dryRun: dryRun]
    for (String key : ['registry', 'credentialsId', 'changelog', 'packages', 'gitCredentialsId', 'base']) {
        if (cfg[key] != null) {
            a[key] = cfg[key]
        }
    }
    if (!dryRun && cfg.notify == false) {
        a.notify = false
    }
    return a
}

/** The arguments of the changelog preview of one package that would be published. */
@NonCPS
Map previewArgs(Map cfg, Map row) {
    Map a = [package: row.name, version: row.newVersion, write: false]
    if (row.oldVersion) {
        a.since = row.oldVersion
    }
    if (cfg.changelog) {
        a.mode = cfg.changelog
    }
    return a
}

/** Keeps the detected changes selected by {@code packages} (names or folders); all when none given. */
@NonCPS
List select(List changes, List packages) {
    if (!packages) {
        return changes
    }
    return changes.findAll { Map c -> packages.contains(c.name) || packages.contains(c.path) }
}

@NonCPS
List wouldPublish(List plan) {
    return (plan ?: []).findAll { Map p -> outcome(p) in ['WOULD_PUBLISH', 'PUBLISHED'] }
}

@NonCPS
List changelogFiles(List results) {
    return (results ?: []).findAll { Map r -> outcome(r) == 'PUBLISHED' && r.changelogPath }
            .collect { Map r -> r.changelogPath.toString() }.unique()
}

@NonCPS
String outcome(Map row) {
    return String.valueOf(row.outcome ?: '').toUpperCase(Locale.ROOT)
}

@NonCPS
String entryText(def entry) {
    if (entry instanceof Map) {
        return String.valueOf(entry.markdown ?: entry.text ?: entry)
    }
    return String.valueOf(entry)
}

@NonCPS
String versions(Map row) {
    return row.oldVersion ? "${row.oldVersion} -> ${row.newVersion}".toString() : "${row.newVersion} (new)".toString()
}

@NonCPS
String changeTable(List changes) {
    List lines = ["[upm] ${changes.size()} package version change(s):".toString()]
    changes.each { Map c ->
        lines << "[upm]   ${pad(c.name, 40)} ${pad(versions(c), 24)} ${c.path ?: '.'}".toString()
    }
    return lines.join('\n')
}

@NonCPS
String outcomeTable(List rows, boolean dryRun) {
    List lines = ["[upm] ${dryRun ? 'plan' : 'result'}:".toString()]
    rows.each { Map r ->
        String what = outcome(r).toLowerCase(Locale.ROOT).replace('_', ' ')
        String tag = r.distTag ? " (${r.distTag})" : ''
        String why = r.reason ? ": ${r.reason}" : ''
        String link = r.registryUrl ? "  ${r.registryUrl}" : ''
        lines << "[upm]   ${pad(r.name, 40)} ${pad(versions(r), 24)} ${what}${tag}${why}${link}".toString()
    }
    if (rows.isEmpty()) {
        lines << '[upm]   (no packages)'
    }
    return lines.join('\n')
}

/** One line for the build description: what was (or would be) published, skipped and failed. */
@NonCPS
String describe(List rows, boolean dryRun) {
    Map groups = [:]
    (rows ?: []).each { Map r ->
        String key = outcome(r)
        groups.get(key, []) << "${r.name}@${r.newVersion}".toString()
    }
    List parts = []
    if (groups.WOULD_PUBLISH) {
        parts << "would publish ${groups.WOULD_PUBLISH.join(', ')}".toString()
    }
    if (groups.PUBLISHED) {
        parts << "published ${groups.PUBLISHED.join(', ')}".toString()
    }
    if (groups.SKIPPED) {
        parts << "skipped ${groups.SKIPPED.join(', ')}".toString()
    }
    if (groups.FAILED) {
        parts << "failed ${groups.FAILED.join(', ')}".toString()
    }
    String text = (dryRun ? 'dry run: ' : '') + (parts ? parts.join('; ') : 'no packages')
    return text.length() > 500 ? text.substring(0, 497) + '...' : text
}

@NonCPS
String pad(Object value, int width) {
    String s = String.valueOf(value)
    return s.length() >= width ? s : s.padRight(width)
}
