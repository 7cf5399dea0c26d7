package io.harbormaster.core.spec;

import java.math.BigInteger;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads a Bacalhau v1 job, in YAML or JSON, bare or wrapped as {@code {"Job": {...}}} (the body of
 * Bacalhau's PUT /api/v1/orchestrator/jobs), and checks it against what this node can run.
 * Every problem is collected before one {@link SpecInvalidException} reports them all; problem
 * paths start at the job ({@code Tasks[0].Engine}) whether or not it was wrapped.
 */
public final class JobSpecParser {

    private static final KeyMatcher WRAPPER_KEYS = KeyMatcher.of("Job")
            .ignoring("IdempotencyToken", "this node does not deduplicate submissions yet")
            .ignoring("Namespace", "the job's own Namespace is used")
            .ignoring("Credential", "this node takes no credentials in the job body");
    private static final KeyMatcher JOB_KEYS = KeyMatcher.of(
                    "Name", "Namespace", "Type", "Count", "Labels", "Meta", "Tasks")
            .ignoring("ID", "the node gives each job its own id")
            .ignoring("Priority", "this node runs jobs in the order they arrive")
            .ignoring("Constraints", "a job submitted to this node runs on this node")
            .ignoring("State", "the node keeps its own record of job state")
            .ignoring("Version", "the node keeps its own record of job versions")
            .ignoring("Revision", "the node keeps its own record of job versions")
            .ignoring("CreateTime", "the node records when it received the job")
            .ignoring("ModifyTime", "the node records when it received the job");

    private final LocalPathAllowList allowList;
    private final Set<String> engineTypes;

    /**
     * @param allowList   the host paths {@code localDirectory} inputs may use
     * @param engineTypes the engines this node runs ({@code docker}, {@code wasm}, ...), any case
     */
    public JobSpecParser(LocalPathAllowList allowList, Set<String> engineTypes) {
        this.allowList = Objects.requireNonNull(allowList, "allowList");
        this.engineTypes = Objects.requireNonNull(engineTypes, "engineTypes").stream()
                .map(t -> t.toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
    }

    /**
     * @throws SpecInvalidException listing every problem found, each with its path and line
     */
    public ParsedJob parse(String text) {
        Problems problems = new Problems();
        SpecNode root = SpecTreeReader.read(text, problems);
        JobSpec spec = root == null ? null : job(root, new ValueReader(problems));
        if (problems.hasErrors() || spec == null) {
            throw new SpecInvalidException(problems.errors());
        }
        return new ParsedJob(spec, problems.warnings());
    }

    private JobSpec job(SpecNode root, ValueReader values) {
        if (!(root instanceof SpecNode.MapNode map)) {
            values.problems().error(Problems.DOCUMENT, root.line(),
                    "expected a job (a map with Name, Type and Tasks), got " + root.describe());
            return null;
        }
        SpecNode.MapNode job = unwrap(map, values);
        return job == null ? null : fields(new MapFields(job, "", JOB_KEYS, values), values);
    }

    /** The job inside {@code {"Job": {...}}}, or the map itself when it is a bare job. */
    private static SpecNode.MapNode unwrap(SpecNode.MapNode map, ValueReader values) {
        boolean wrapped = map.entries().stream().anyMatch(e -> e.key().equalsIgnoreCase("Job"));
        if (!wrapped) {
            return map;
        }
        MapFields wrapper = new MapFields(map, "", WRAPPER_KEYS, values);
        if (wrapper.get("Job").isEmpty()) {
            wrapper.required("Job");
            return null;
        }
        return values.map(wrapper.get("Job").get(), "Job");
    }

    private JobSpec fields(MapFields job, ValueReader values) {
        Problems problems = values.problems();
        String name = job.requiredString("Name");
        String namespace = job.string("Namespace");
        JobType type = jobType(job, problems);
        checkCount(job, values);
        Map<String, String> labels = job.get("Labels").map(v -> values.stringMap(v, job.pathOf("Labels")))
                .orElse(null);
        Map<String, String> meta = job.get("Meta").map(v -> values.stringMap(v, job.pathOf("Meta"))).orElse(null);
        TaskSpec task = task(job, values);
        if (name == null || type == null || task == null || problems.hasErrors()) {
            return null;
        }
        return new JobSpec(name, namespace == null || namespace.isBlank() ? "default" : namespace,
                type, 1, labels, meta, task);
    }

    private static JobType jobType(MapFields job, Problems problems) {
        String type = job.requiredString("Type");
        if (type == null) {
            return null;
        }
        for (JobType candidate : JobType.values()) {
            if (candidate.specName().equalsIgnoreCase(type.strip())) {
                return candidate;
            }
        }
        problems.error(job.pathOf("Type"), job.lineOf("Type"),
                "unknown job type \"" + type + "\" (expected batch, ops, service or daemon)");
        return null;
    }

    private static void checkCount(MapFields job, ValueReader values) {
        job.get("Count").ifPresent(node -> {
            BigInteger count = values.integer(node, job.pathOf("Count"));
            if (count != null && !count.equals(BigInteger.ONE)) {
                values.problems().error(job.pathOf("Count"), job.lineOf("Count"), "must be 1 (or left out): "
                        + "this is one node, and it runs exactly one copy of a job; got " + count);
            }
        });
    }

    private TaskSpec task(MapFields job, ValueReader values) {
        if (job.get("Tasks").isEmpty()) {
            job.required("Tasks");
            return null;
        }
        SpecNode.ListNode tasks = values.list(job.get("Tasks").get(), job.pathOf("Tasks"));
        if (tasks == null) {
            return null;
        }
        if (tasks.items().isEmpty()) {
            values.problems().error(job.pathOf("Tasks"), job.lineOf("Tasks"), "a job needs exactly one task; "
                    + "this one has none");
            return null;
        }
        if (tasks.items().size() > 1) {
            values.problems().error(job.pathOf("Tasks"), job.lineOf("Tasks"), "this node runs jobs with exactly "
                    + "one task; this one has " + tasks.items().size());
        }
        return new TaskParser(values, engineTypes, allowList).parse(tasks.items().get(0), "Tasks[0]");
    }
}
