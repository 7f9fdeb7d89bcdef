package dev.sitesync.helm;

import java.util.List;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;

/** Everything one {@code helm template} rendered. */
record Rendering(List<Manifest> manifests) {

    Stream<Manifest> ofKind(String kind) {
        return manifests.stream().filter(manifest -> manifest.kind().equals(kind));
    }

    <T> List<T> all(Class<T> type) {
        return manifests.stream().map(Manifest::object).filter(type::isInstance).map(type::cast).toList();
    }

    Manifest get(String kind, String name) {
        return ofKind(kind).filter(manifest -> manifest.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("No " + kind + "/" + name + " in " + keys()));
    }

    List<String> keys() {
        return manifests.stream().map(Manifest::key).toList();
    }

    List<Deployment> deployments() {
        return all(Deployment.class);
    }

    /** Pod specs of every workload and test pod, by the name of the object holding them. */
    Stream<java.util.Map.Entry<String, PodSpec>> podSpecs() {
        Stream<java.util.Map.Entry<String, PodSpec>> workloads = deployments().stream()
                .map(d -> java.util.Map.entry("Deployment/" + d.getMetadata().getName(), d.getSpec().getTemplate().getSpec()));
        Stream<java.util.Map.Entry<String, PodSpec>> pods = all(io.fabric8.kubernetes.api.model.Pod.class).stream()
                .map(p -> java.util.Map.entry("Pod/" + p.getMetadata().getName(), p.getSpec()));
        return Stream.concat(workloads, pods);
    }

    static Container container(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    /** The workers' Deployments by site code. */
    java.util.Map<String, Deployment> workers() {
        java.util.Map<String, Deployment> workers = new java.util.TreeMap<>();
        for (Deployment deployment : deployments()) {
            String site = deployment.getMetadata().getLabels().get("sitesync.io/site");
            if (site != null) {
                workers.put(site, deployment);
            }
        }
        return workers;
    }
}
