package org.the1studio.upm.pipeline.deploy;

import groovy.lang.Binding;
import groovy.lang.Closure;
import groovy.lang.GString;
import groovy.lang.GroovyShell;
import groovy.lang.Script;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.codehaus.groovy.control.CompilerConfiguration;
import org.codehaus.groovy.runtime.InvokerHelper;

/**
 * Runs a Job DSL script against a recorder instead of Jenkins: every call ({@code organizationFolder('x') { ... }})
 * becomes a node with its arguments and the nodes of its block. Enough to check the structure of the jobs defined
 * as code (which job, which navigator and traits, which trigger, which pipeline script) without a Jenkins.
 */
final class JobDsl {

    private JobDsl() {}

    /** One recorded call. */
    static final class Node {
        final String name;
        final List<Object> args;
        final List<Node> children = new ArrayList<>();

        Node(String name, List<Object> args) {
            this.name = name;
            this.args = args;
        }

        /** Every direct child call with that name. */
        List<Node> all(String child) {
            return children.stream().filter(n -> n.name.equals(child)).toList();
        }

        /** The single child call with that name. */
        Node one(String child) {
            List<Node> found = all(child);
            if (found.size() != 1) {
                throw new AssertionError(name + " has " + found.size() + " '" + child + "' calls, not one: " + this);
            }
            return found.get(0);
        }

        /** The first argument of the single child call with that name. */
        Object value(String child) {
            Node n = one(child);
            return n.args.isEmpty() ? null : n.args.get(0);
        }

        /** The node found by following child names, e.g. {@code path("organizations", "github")}. */
        Node path(String... names) {
            Node n = this;
            for (String s : names) {
                n = n.one(s);
            }
            return n;
        }

        /** The first node with that name anywhere below, depth first. */
        Optional<Node> find(String wanted) {
            for (Node c : children) {
                if (c.name.equals(wanted)) {
                    return Optional.of(c);
                }
                Optional<Node> deeper = c.find(wanted);
                if (deeper.isPresent()) {
                    return deeper;
                }
            }
            return Optional.empty();
        }

        public Object methodMissing(String method, Object argsObject) {
            Object[] a = (Object[]) argsObject;
            List<Object> values = new ArrayList<>();
            Closure<?> body = null;
            for (Object o : a) {
                if (o instanceof Closure<?> c) {
                    body = c;
                } else {
                    values.add(o instanceof GString g ? g.toString() : o);
                }
            }
            Node child = new Node(method, values);
            children.add(child);
            if (body != null) {
                Closure<?> c = (Closure<?>) body.clone();
                c.setDelegate(child);
                c.setResolveStrategy(Closure.DELEGATE_FIRST);
                c.call();
            }
            return child;
        }

        @Override
        public String toString() {
            return name + args + (children.isEmpty() ? "" : children.toString());
        }
    }

    /** Base class of the recorded scripts: top-level calls become children of the root node. */
    public abstract static class RecordingScript extends Script {
        @Override
        public Object invokeMethod(String name, Object args) {
            Node root = (Node) getBinding().getVariable("__root");
            return root.methodMissing(name, InvokerHelper.asArray(args));
        }
    }

    /** Runs {@code script} and returns the root whose children are its top-level calls. */
    static Node record(String script) {
        CompilerConfiguration config = new CompilerConfiguration();
        config.setScriptBaseClass(RecordingScript.class.getName());
        Node root = new Node("(script)", List.of());
        Binding binding = new Binding();
        binding.setVariable("__root", root);
        new GroovyShell(JobDsl.class.getClassLoader(), binding, config).evaluate(script);
        return root;
    }
}
