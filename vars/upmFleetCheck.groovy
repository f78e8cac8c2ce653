import com.cloudbees.groovy.cps.NonCPS
import org.the1studio.upm.Agent
import org.the1studio.upm.Notices
import org.the1studio.upm.Params

/*
 * upmFleetCheck(): the scheduled fleet job. Checks every repository of repositories.json against the registry
 * (up to date, unpublished, behind, invalid, orphaned), archives the reports (fleet-report.html/.json/.txt and
 * package-cache.json) and marks the build UNSTABLE when it finds problems.
 *
 *   upmFleetCheck(configRepository: 'https://github.com/The1Studio/upm-auto-publisher.git')
 *
 * The work is the plugin step of the same name, called as steps.upmFleetCheck(...): this file hides it.
 * Parameters and behaviour: vars/upmFleetCheck.txt.
 */

def call(Map args = [:]) {
    Map cfg
    try {
        cfg = Params.check('upmFleetCheck', args, spec())
    } catch (IllegalArgumentException bad) {
        error(bad.message)
    }
    Map state = [stage: null, error: null, result: null]
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
            skipDefaultCheckout()
        }
        stages {
            stage('Checkout') {
                steps {
                    script { guarded(state, 'Checkout') { checkoutConfig(cfg) } }
                }
            }
            stage('Check') {
                steps {
                    script { guarded(state, 'Check') { check(cfg, state) } }
                }
            }
            stage('Report') {
                steps {
                    script { guarded(state, 'Report') { report(cfg, state) } }
                }
            }
        }
        post {
            always {
                // the package cache and the audit records of a republish, also when the check failed half-way
                archiveArtifacts(artifacts: "${state.result?.cache ?: 'package-cache.json'},upm-audit/**".toString(),
                        allowEmptyArchive: true)
            }
            failure {
                script {
                    if (cfg.notify) {
                        Notices.failure(this, "upmFleetCheck ${env.JOB_NAME ?: ''} #${env.BUILD_NUMBER ?: '?'}".toString(),
                                state.error ?: 'the fleet check could not run')
                    }
                }
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

void checkoutConfig(Map cfg) {
    if (cfg.configRepository) {
        git(gitArgs(cfg))
    } else {
        def source
        try {
            source = scm
        } catch (MissingPropertyException noScm) {
            error('upmFleetCheck: this job has no SCM to read repositories.json from: set configRepository: ' +
                    "'https://github.com/<owner>/<repo>.git' or define the job as Pipeline script from SCM")
        }
        checkout(source)
    }
    if (!fileExists(cfg.repositories)) {
        error("upmFleetCheck: ${cfg.repositories} not found in the checked-out repository " +
                "(${cfg.configRepository ?: 'the job\'s SCM'}): set repositories: to its path")
    }
}

void check(Map cfg, Map state) {
    // the plugin step: this var hides it, so it is reached through the steps global
    state.result = steps.upmFleetCheck(fleetArgs(cfg)) ?: [:]
    echo "[upm] ${summary(state.result)}"
}

void report(Map cfg, Map state) {
    List files = reportFiles(state.result)
    archiveArtifacts(artifacts: files.join(','), allowEmptyArchive: true)
    currentBuild.description = summary(state.result)
    String html = files.find { String f -> f.endsWith('.html') }
    if (html && env.BUILD_URL) {
        echo "[upm] fleet report: ${env.BUILD_URL}artifact/${html}"
    }
    int problems = problemCount(state.result)
    if (problems > 0 && cfg.unstableOnProblems) {
        unstable("fleet check found ${problems} problem(s): ${summary(state.result)}".toString())
    }
}

// ---- pure helpers (no steps): @NonCPS ----

@NonCPS
Map spec() {
    return [
        repositories       : [type: 'string', default: 'repositories.json',
                              hint: 'path of the repository registry in the checked-out repository'],
        registry           : [type: 'string', pattern: '(?i)https?://\\S+',
                              hint: 'the registry URL; default: the global upmPublisher setting'],
        credentialsId      : [type: 'string', hint: 'Secret text credential with the registry token'],
        githubCredentialsId: [type: 'string', hint: 'credential for the GitHub API (the GitHub App)'],
        republish          : [type: 'boolean', default: false],
        notify             : [type: 'boolean', default: true],
        unstableOnProblems : [type: 'boolean', default: true],
        configRepository   : [type: 'string', pattern: '(?i)(https://|git@)\\S+',
                              hint: 'git URL of the repository holding repositories.json'],
        configBranch       : [type: 'string', default: 'main'],
        configCredentialsId: [type: 'string', hint: 'credential to clone configRepository; default: githubCredentialsId'],
        agent              : [type: 'string', pattern: '[a-z0-9]([-a-z0-9.]*[a-z0-9])?',
                              hint: 'the name of a pod template of the Kubernetes cloud'],
        timeoutMinutes     : [type: 'integer', default: 60, min: 1, max: 720],
        retentionDays      : [type: 'integer', default: 90, min: 1, max: 3650],
    ]
}

@NonCPS
Map gitArgs(Map cfg) {
    Map a = [url: cfg.configRepository, branch: cfg.configBranch]
    String credentials = cfg.configCredentialsId ?: cfg.githubCredentialsId
    if (credentials) {
        a.credentialsId = credentials
    }
    return a
}

/** The arguments of the plugin step: only what the job set, so the global configuration decides the rest. */
@NonCPS
Map fleetArgs(Map cfg) {
    Map a = [repositories: cfg.repositories, republish: cfg.republish, notify: cfg.notify]
    for (String key : ['registry', 'credentialsId', 'githubCredentialsId']) {
        if (cfg[key] != null) {
            a[key] = cfg[key]
        }
    }
    return a
}

@NonCPS
int countOf(Map result, String key) {
    Object v = result?.get(key)
    return v instanceof Number ? ((Number) v).intValue() : 0
}

/**
 * Unpublished, behind and invalid packages, and repositories or registries that could not be read ({@code errors}),
 * need someone; orphaned packages are listed but do not mark the build.
 */
@NonCPS
int problemCount(Map result) {
    return countOf(result, 'unpublished') + countOf(result, 'behind') + countOf(result, 'invalid') +
            countOf(result, 'errors')
}

@NonCPS
String summary(Map result) {
    List parts = []
    for (String key : ['upToDate', 'unpublished', 'behind', 'invalid', 'orphaned', 'errors']) {
        int n = countOf(result, key)
        if (n > 0 || key == 'upToDate') {
            String label = key == 'upToDate' ? 'up to date' : key == 'errors' ? 'unreadable' : key
            parts << "${n} ${label}".toString()
        }
    }
    if (result?.republished) {
        // one map per version the step re-published (package, repository, commit, ok, reason)
        List rows = result.republished as List
        int failed = rows.count { !(it.ok) } as int
        parts << "republished ${rows.size() - failed}${failed ? ", ${failed} re-publish failed" : ''}".toString()
    }
    return 'fleet: ' + parts.join(', ')
}

/** The report files the step wrote (its html/json/text entries), else the standard names. */
@NonCPS
List reportFiles(Map result) {
    List files = []
    for (String key : ['html', 'json', 'text', 'txt']) {
        Object v = result?.get(key) ?: result?.get(key + 'Report') ?: (result?.reports instanceof Map ? result.reports[key] : null)
        if (v) {
            files << v.toString()
        }
    }
    return files ? files.unique() : ['fleet-report.html', 'fleet-report.json', 'fleet-report.txt']
}
