package org.the1studio.upm

/**
 * The Kubernetes agent of the library's pipelines: the library's own pod ({@code resources/org/the1studio/upm/pod.yaml},
 * JDK 17 and git, non-root, read-only root filesystem, no API token) unless the Jenkinsfile names a pod template of
 * the cloud with {@code agent: 'name'}. Shared by {@code upmPublish} and {@code upmFleetCheck} so both run on the same,
 * checked pod. CPS code: it calls the {@code libraryResource} step.
 */
class Agent implements Serializable {

    private static final long serialVersionUID = 1L

    /** The library resource holding the agent pod. */
    static final String POD_RESOURCE = 'org/the1studio/upm/pod.yaml'

    /**
     * @param steps    the pipeline script ({@code this} in a var)
     * @param template the pod template named by the Jenkinsfile, or {@code null}/empty for the library's pod
     * @return the pod YAML for the declarative {@code kubernetes} agent; empty when the named template is used as is
     */
    static String podYaml(def steps, String template) {
        return template ? '' : steps.libraryResource(POD_RESOURCE)
    }
}
