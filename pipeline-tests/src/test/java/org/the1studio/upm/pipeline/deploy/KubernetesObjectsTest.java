package org.the1studio.upm.pipeline.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.the1studio.upm.pipeline.deploy.DeploymentFiles.K8S;
import static org.the1studio.upm.pipeline.deploy.DeploymentFiles.LIBRARY_POD;
import static org.the1studio.upm.pipeline.deploy.DeploymentFiles.at;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The Kubernetes side of {@code jenkins-k8s/} and the library's agent pod, read strictly through the fabric8 API
 * model, plus the rules the deployment promises: restricted pod security, resources on every container, no API
 * token in build pods, egress limited to what the publisher needs.
 */
class KubernetesObjectsTest {

    static List<HasMetadata> manifests() {
        List<HasMetadata> objects = new ArrayList<>();
        for (Path file : DeploymentFiles.yamlFiles(K8S.resolve("manifests"))) {
            if (file.getParent().getFileName().toString().equals("optional")) {
                continue;
            }
            for (Object doc : DeploymentFiles.documents(file)) {
                objects.add(DeploymentFiles.kubernetesObject(doc, K8S.relativize(file).toString()));
            }
        }
        return objects;
    }

    @SuppressWarnings("unchecked")
    static <T extends HasMetadata> List<T> manifests(Class<T> type) {
        return manifests().stream().filter(type::isInstance).map(o -> (T) o).toList();
    }

    /** Every pod the deployment starts: the library's, this project's build pod, and the JCasC pod templates. */
    static Map<String, Pod> pods() {
        Map<String, Pod> pods = new LinkedHashMap<>();
        pods.put("library pod.yaml", DeploymentFiles.pod(DeploymentFiles.read(LIBRARY_POD), "pod.yaml"));
        for (Path file : DeploymentFiles.yamlFiles(K8S.resolve("pods"))) {
            pods.put(K8S.relativize(file).toString(), DeploymentFiles.pod(DeploymentFiles.read(file), file.toString()));
        }
        List<Map<String, Object>> clouds = at(DeploymentFiles.map(K8S.resolve("casc/jenkins.yaml")), "jenkins.clouds");
        for (Map<String, Object> cloud : clouds) {
            List<Map<String, Object>> templates = at(cloud, "kubernetes.templates");
            for (Map<String, Object> t : templates) {
                String where = "JCasC pod template " + t.get("name");
                pods.put(where, DeploymentFiles.pod((String) t.get("yaml"), where));
            }
        }
        return pods;
    }

    @Test
    void everyYamlFileParses() {
        List<Path> files = new ArrayList<>(DeploymentFiles.yamlFiles(K8S));
        files.addAll(DeploymentFiles.yamlFiles(DeploymentFiles.ROOT.resolve("resources")));
        assertThat(files).hasSizeGreaterThanOrEqualTo(13);
        for (Path f : files) {
            assertThatCode(() -> assertThat(DeploymentFiles.documents(f)).as(f.toString()).isNotEmpty())
                    .as(f.toString()).doesNotThrowAnyException();
        }
    }

    @Test
    void theManifestsAreValidKubernetesObjects() {
        List<HasMetadata> objects = manifests();

        assertThat(objects).extracting(o -> o.getKind() + "/" + o.getMetadata().getName()).containsExactlyInAnyOrder(
                "Namespace/upm-jenkins", "Namespace/upm-agents", "Secret/upm-secrets", "Secret/upm-jenkins-admin",
                "ServiceAccount/upm-agent", "Role/jenkins-agent-pods", "RoleBinding/jenkins-agent-pods",
                "NetworkPolicy/upm-agents-deny-ingress", "NetworkPolicy/upm-agents-egress",
                "PersistentVolumeClaim/jenkins-home");
        Set<String> namespaces = manifests(Namespace.class).stream().map(n -> n.getMetadata().getName())
                .collect(Collectors.toSet());
        for (HasMetadata o : objects) {
            if (!(o instanceof Namespace)) {
                assertThat(namespaces).as(o.getKind() + " " + o.getMetadata().getName() + " namespace")
                        .contains(o.getMetadata().getNamespace());
            }
        }
    }

    @Test
    void aMisspeltFieldIsCaught() {
        String typo = """
                apiVersion: v1
                kind: Pod
                metadata: {name: x}
                spec:
                  containers:
                    - name: jnlp
                      image: jenkins/inbound-agent:1-jdk17
                      resource: {limits: {cpu: "1"}}
                """;
        assertThatCode(() -> DeploymentFiles.pod(typo, "typo")).hasMessageContaining("unknown field(s) [resource]");
        String badQuantity = typo.replace("resource:", "resources:").replace("\"1\"", "lots");
        assertThatCode(() -> DeploymentFiles.pod(badQuantity, "quantity")).hasMessageContaining("not a Kubernetes quantity");
    }

    @Test
    void everyPodMeetsTheRestrictedPodSecurityStandardAndHasNoApiToken() {
        for (Map.Entry<String, Pod> e : pods().entrySet()) {
            String where = e.getKey();
            var spec = e.getValue().getSpec();
            assertThat(spec.getAutomountServiceAccountToken()).as(where + " automountServiceAccountToken").isFalse();
            assertThat(spec.getSecurityContext().getRunAsNonRoot()).as(where + " runAsNonRoot").isTrue();
            assertThat(spec.getSecurityContext().getRunAsUser()).as(where + " runAsUser").isPositive();
            assertThat(spec.getSecurityContext().getSeccompProfile().getType()).as(where + " seccomp")
                    .isEqualTo("RuntimeDefault");
            assertThat(spec.getHostNetwork()).as(where + " hostNetwork").isNotEqualTo(Boolean.TRUE);
            for (Volume v : spec.getVolumes()) {
                assertThat(v.getHostPath()).as(where + " volume " + v.getName() + " hostPath").isNull();
            }
            for (Container c : spec.getContainers()) {
                String cw = where + " container " + c.getName();
                var sc = c.getSecurityContext();
                assertThat(sc).as(cw + " securityContext").isNotNull();
                assertThat(sc.getAllowPrivilegeEscalation()).as(cw + " allowPrivilegeEscalation").isFalse();
                assertThat(sc.getPrivileged()).as(cw + " privileged").isNotEqualTo(Boolean.TRUE);
                assertThat(sc.getCapabilities().getDrop()).as(cw + " capabilities.drop").containsExactly("ALL");
                assertThat(sc.getCapabilities().getAdd()).as(cw + " capabilities.add").isNullOrEmpty();
            }
        }
    }

    @Test
    void everyContainerHasResourceRequestsAndLimitsAndAPinnedImage() {
        for (Map.Entry<String, Pod> e : pods().entrySet()) {
            for (Container c : e.getValue().getSpec().getContainers()) {
                String cw = e.getKey() + " container " + c.getName();
                Map<String, Quantity> requests = c.getResources().getRequests();
                Map<String, Quantity> limits = c.getResources().getLimits();
                assertThat(requests).as(cw + " requests").containsKeys("cpu", "memory");
                assertThat(limits).as(cw + " limits").containsKeys("cpu", "memory");
                for (String r : List.of("cpu", "memory")) {
                    assertThat(Quantity.getAmountInBytes(requests.get(r)))
                            .as(cw + " " + r + " request <= limit")
                            .isLessThanOrEqualTo(Quantity.getAmountInBytes(limits.get(r)));
                }
                assertThat(c.getImage()).as(cw + " image").matches("[a-z0-9./-]+:[A-Za-z0-9._-]+")
                        .doesNotEndWith(":latest");
            }
        }
    }

    @Test
    void theLibraryPodIsTheInboundAgentAloneWithAReadOnlyRootFilesystem() {
        Map<String, Pod> pods = pods();
        for (String name : List.of("library pod.yaml", "JCasC pod template upm-large")) {
            Pod pod = pods.get(name);
            assertThat(pod.getSpec().getContainers()).as(name).singleElement().satisfies(c -> {
                assertThat(c.getName()).isEqualTo("jnlp");
                assertThat(c.getImage()).startsWith("jenkins/inbound-agent:").endsWith("-jdk17");
                assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
                // the writable places of a read-only container are scratch volumes
                assertThat(c.getVolumeMounts()).extracting(m -> m.getMountPath())
                        .containsExactlyInAnyOrder("/tmp", "/home/jenkins");
            });
            assertThat(pod.getSpec().getVolumes()).allSatisfy(v -> assertThat(v.getEmptyDir()).isNotNull());
        }
        Quantity library = pods.get("library pod.yaml").getSpec().getContainers().get(0).getResources().getLimits().get("memory");
        Quantity large = pods.get("JCasC pod template upm-large").getSpec().getContainers().get(0).getResources().getLimits().get("memory");
        assertThat(Quantity.getAmountInBytes(large)).isGreaterThan(Quantity.getAmountInBytes(library));
    }

    @Test
    void theProjectBuildPodHasJdkMavenAndNodeInOneContainer() {
        Pod pod = pods().get("pods/build.yaml");
        assertThat(pod.getSpec().getContainers()).extracting(Container::getName).containsExactly("jnlp", "build");
        assertThat(pod.getSpec().getContainers().get(1).getImage()).startsWith("cimg/openjdk:17").endsWith("-node");
    }

    @Test
    void buildPodsMayOnlyReachDnsTheControllerTheRegistryAndHttps() {
        Map<String, NetworkPolicy> policies = manifests(NetworkPolicy.class).stream()
                .collect(Collectors.toMap(p -> p.getMetadata().getName(), p -> p));
        NetworkPolicy ingress = policies.get("upm-agents-deny-ingress");
        assertThat(ingress.getSpec().getPolicyTypes()).containsExactly("Ingress");
        assertThat(ingress.getSpec().getIngress()).isEmpty();
        assertThat(ingress.getSpec().getPodSelector().getMatchLabels()).isNullOrEmpty();

        NetworkPolicy egress = policies.get("upm-agents-egress");
        assertThat(egress.getSpec().getPolicyTypes()).containsExactly("Egress");
        List<NetworkPolicyEgressRule> rules = egress.getSpec().getEgress();
        assertThat(rules).allSatisfy(r -> assertThat(r.getTo()).as("every rule names its destinations").isNotEmpty());
        assertThat(rules).allSatisfy(r -> assertThat(r.getPorts()).as("every rule names its ports").isNotEmpty());
        Set<Integer> ports = rules.stream().flatMap(r -> r.getPorts().stream()).map(p -> p.getPort().getIntVal())
                .collect(Collectors.toSet());
        assertThat(ports).containsExactlyInAnyOrder(53, 8080, 50000, 4873, 443);
        NetworkPolicyPeer internet = rules.stream().flatMap(r -> r.getTo().stream())
                .filter(p -> p.getIpBlock() != null).findFirst().orElseThrow();
        assertThat(internet.getIpBlock().getCidr()).isEqualTo("0.0.0.0/0");
        assertThat(internet.getIpBlock().getExcept()).contains("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16",
                "169.254.0.0/16");
        NetworkPolicyEgressRule https = rules.stream().filter(r -> r.getTo().contains(internet)).findFirst().orElseThrow();
        assertThat(https.getPorts()).singleElement().satisfies(p -> assertThat(p.getPort().getIntVal()).isEqualTo(443));
    }

    @Test
    void theOptionalFqdnPolicyNamesEveryServiceThePublisherTalksTo() {
        Map<String, Object> cilium = DeploymentFiles.map(K8S.resolve("manifests/optional/cilium-egress-fqdn.yaml"));
        assertThat(cilium.get("apiVersion")).isEqualTo("cilium.io/v2");
        assertThat(DeploymentFiles.read(K8S.resolve("manifests/optional/cilium-egress-fqdn.yaml")))
                .contains("matchName: github.com", "matchName: api.github.com", "matchName: discord.com",
                        "matchName: generativelanguage.googleapis.com");
    }

    @Test
    void theControllerMayOnlyManagePodsInTheAgentNamespaceAndAgentsHaveNoToken() {
        Role role = manifests(Role.class).get(0);
        assertThat(role.getMetadata().getNamespace()).isEqualTo("upm-agents");
        assertThat(role.getRules()).allSatisfy(r -> assertThat(r.getApiGroups()).containsExactly(""));
        assertThat(role.getRules().stream().flatMap(r -> r.getResources().stream()))
                .containsExactlyInAnyOrder("pods", "pods/exec", "pods/log", "events");
        assertThat(role.getRules().stream().map(PolicyRule::getVerbs).flatMap(List::stream)).doesNotContain("*");

        RoleBinding binding = manifests(RoleBinding.class).get(0);
        Map<String, Object> values = DeploymentFiles.values();
        assertThat(binding.getRoleRef().getName()).isEqualTo(role.getMetadata().getName());
        assertThat(binding.getSubjects()).singleElement().satisfies(s -> {
            assertThat(s.getKind()).isEqualTo("ServiceAccount");
            assertThat(s.getName()).isEqualTo(at(values, "serviceAccount.name"));
            assertThat(s.getNamespace()).isEqualTo("upm-jenkins");
        });

        ServiceAccount agent = manifests(ServiceAccount.class).get(0);
        assertThat(agent.getAutomountServiceAccountToken()).isFalse();
        List<Map<String, Object>> clouds = at(DeploymentFiles.map(K8S.resolve("casc/jenkins.yaml")), "jenkins.clouds");
        List<Map<String, Object>> jcascTemplates = at(clouds.get(0), "kubernetes.templates");
        assertThat(jcascTemplates).allSatisfy(t -> assertThat(t.get("serviceAccount"))
                .isEqualTo(agent.getMetadata().getName()));
    }

    @Test
    void jenkinsHomeIsTheClaimTheChartUses() {
        PersistentVolumeClaim pvc = manifests(PersistentVolumeClaim.class).get(0);
        assertThat(pvc.getMetadata().getName()).isEqualTo(at(DeploymentFiles.values(), "persistence.existingClaim"));
        assertThat(pvc.getMetadata().getNamespace()).isEqualTo("upm-jenkins");
        assertThat(pvc.getSpec().getResources().getRequests()).containsKey("storage");
    }

    @Test
    void theAgentNamespaceEnforcesRestrictedPodSecurity() {
        Namespace agents = manifests(Namespace.class).stream()
                .filter(n -> n.getMetadata().getName().equals("upm-agents")).findFirst().orElseThrow();
        assertThat(agents.getMetadata().getLabels()).containsEntry("pod-security.kubernetes.io/enforce", "restricted");
    }
}
