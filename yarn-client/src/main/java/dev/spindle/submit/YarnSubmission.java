package dev.spindle.submit;

import dev.spindle.config.CoreKeys;
import dev.spindle.config.SpindleConf;
import dev.spindle.util.DaemonThreads;
import dev.spindle.security.AppSecret;
import dev.spindle.yarn.DelegationTokens;
import dev.spindle.yarn.LaunchContexts;
import dev.spindle.yarn.Localized;
import dev.spindle.yarn.StagedFiles;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.io.DataOutputBuffer;
import org.apache.hadoop.security.Credentials;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ApplicationSubmissionContext;
import org.apache.hadoop.yarn.api.records.ContainerLaunchContext;
import org.apache.hadoop.yarn.api.records.LocalResourceVisibility;
import org.apache.hadoop.yarn.api.records.Resource;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.apache.hadoop.yarn.client.api.YarnClientApplication;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;
import org.apache.hadoop.yarn.exceptions.YarnException;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * One application's way onto YARN: a new application id, the size check against the cluster's
 * largest container, the staging directory with the jars and configuration, and the
 * ApplicationMaster's launch context. {@link #deleteStagingDir()} removes what was staged.
 */
final class YarnSubmission {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(YarnSubmission.class);
    static final String AM_MAIN = "dev.spindle.am.AppMasterMain";
    /** YARN's application type of Spindle's applications, which {@code --list} filters on. */
    static final String APPLICATION_TYPE = "SPINDLE";

    private final YarnClient yarn;
    private final Configuration hadoopConf;
    private final java.net.URI stagingFs;
    private final SpindleConf conf;
    private final boolean clusterMode;
    private final AppSecret secret = AppSecret.generate();
    private YarnClientApplication app;
    private ApplicationId appId;
    private FileSystem fs;
    private Path stagingDir;
    private int frameworkUploads;
    /** What staging needs before the application id, readied by {@link #prepareStaging}; null until then. */
    private StagingPreparation prepared;
    /** What an unmanaged AM needs, once submitted: null unless {@link #unmanagedAm()}. */
    private SpindleConf stagedConf;
    private Map<String, org.apache.hadoop.yarn.api.records.LocalResource> amConfFiles;
    private ByteBuffer amCredentials;

    /** @param stagingFs the file system to stage to, or null for the default one */
    YarnSubmission(YarnClient yarn, Configuration hadoopConf, java.net.URI stagingFs, SpindleConf conf) {
        this.yarn = yarn;
        this.hadoopConf = hadoopConf;
        this.stagingFs = stagingFs;
        this.conf = conf;
        this.clusterMode = "cluster".equals(conf.get(CoreKeys.DEPLOY_MODE));
    }

    long amHeapMib() {
        return clusterMode ? conf.get(CoreKeys.DRIVER_MEMORY) : conf.get(CoreKeys.AM_MEMORY);
    }

    int amVcores() {
        return clusterMode ? conf.get(CoreKeys.DRIVER_CORES) : 1;
    }

    /**
     * The cluster's running NodeManagers ({@code host:port}), comma-separated, for the AM's and the driver's
     * placement (a block host that runs none is not waited for); empty when the ResourceManager does
     * not say, and the AM then takes every host as known.
     */
    String runningNodeManagers() {
        try {
            java.util.Set<String> hosts = new java.util.TreeSet<>();
            for (org.apache.hadoop.yarn.api.records.NodeReport r
                    : yarn.getNodeReports(org.apache.hadoop.yarn.api.records.NodeState.RUNNING)) {
                hosts.add(r.getNodeId().toString());
            }
            return String.join(",", hosts);
        } catch (IOException | YarnException | RuntimeException e) {
            LOG.warn("Cannot list the cluster's NodeManagers ({}); executors are placed without knowing which hosts "
                    + "run one", e.toString());
            return "";
        }
    }

    /** Starts readying the staging file system and the framework cache: see {@link StagingPreparation}. */
    void prepareStaging(Map<String, java.nio.file.Path> spindleJars) {
        prepared = StagingPreparation.start(hadoopConf, stagingFs, conf.get(SubmitKeys.FRAMEWORK_CACHE_DIR), spindleJars);
    }

    /** Asks the ResourceManager for an application id and checks the containers will fit. */
    ApplicationId create(String rmAddress) {
        try {
            app = yarn.createApplication();
        } catch (IOException | YarnException | RuntimeException e) {
            throw new UserError("cannot reach the ResourceManager at " + rmAddress + ": " + rootMessage(e), e);
        }
        appId = app.getNewApplicationResponse().getApplicationId();
        Resource max = app.getNewApplicationResponse().getMaximumResourceCapability();
        checkFits("the ApplicationMaster" + (clusterMode ? " (driver, --driver-memory)" : " (spindle.yarn.am.memory)"),
                amHeapMib(), amVcores(), max);
        checkFits("each executor (--executor-memory, --executor-cores)", conf.get(CoreKeys.EXECUTOR_MEMORY),
                conf.get(CoreKeys.EXECUTOR_CORES), max);
        return appId;
    }

    private void checkFits(String what, long heapMib, int vcores, Resource max) {
        long container = CoreKeys.containerMebibytes(conf, heapMib);
        if (container > max.getMemorySize()) {
            throw new UserError(what + " needs a container of " + container + " MiB (" + heapMib + " MiB heap + "
                    + (container - heapMib) + " MiB overhead), more than the cluster's largest container of "
                    + max.getMemorySize() + " MiB");
        }
        if (vcores > max.getVirtualCores()) {
            throw new UserError(what + " needs " + vcores + " vcores, more than the cluster's largest container of "
                    + max.getVirtualCores() + " vcores");
        }
    }

    /**
     * Uploads the job's jar, what it ships and the configuration (Spindle's jars through the framework
     * cache when there is one), then submits the ApplicationMaster.
     */
    void stageAndSubmit(java.nio.file.Path appJar, Map<String, java.nio.file.Path> spindleJars,
                        List<ShippedFiles.Shipped> shipped, SpindleConf appConf) throws IOException, YarnException {
        if (prepared == null) {
            prepareStaging(spindleJars);
        }
        StagingPreparation.Ready ready = prepared.await();
        frameworkUploads = ready.frameworkUploads();
        fs = ready.fs();
        stagingDir = fs.makeQualified(new Path(fs.getHomeDirectory(), ".spindle-staging/" + appId));
        FileSystem.mkdirs(fs, stagingDir, new FsPermission((short) 0700));
        List<Localized> localized = new ArrayList<>();
        // Each upload is a few round trips to the NameNode and a DataNode pipeline: overlap them.
        ExecutorService uploads = Executors.newFixedThreadPool(4, new DaemonThreads("spindle-stage"));
        try {
            List<Future<List<Localized>>> pending = new ArrayList<>();
            if (ready.frameworkJars() != null) {
                localized.addAll(ready.frameworkJars());
            } else {
                pending.add(uploads.submit(() -> stagedFrameworkJars(spindleJars)));
            }
            pending.add(uploads.submit(() -> List.of(stage(appJar, StagedFiles.APP_JAR, false, true))));
            for (int i = 0; i < shipped.size(); i++) {
                ShippedFiles.Shipped s = shipped.get(i);
                int index = i;
                pending.add(uploads.submit(() -> List.of(ship(s, index))));
            }
            pending.add(uploads.submit(() -> {
                try (FSDataOutputStream out = fs.create(new Path(stagingDir, StagedFiles.HADOOP_CONF), true)) {
                    HadoopConfs.writeForContainers(hadoopConf, out);
                }
                return List.of();
            }));
            String keytab = appConf.get(SubmitKeys.KERBEROS_KEYTAB);
            java.nio.file.Path krb5 = explicitKrb5Conf();
            if (!keytab.isBlank() && krb5 != null) {
                pending.add(uploads.submit(() -> {
                    copy(krb5, StagedFiles.KRB5_CONF);
                    return List.of();
                }));
            }
            if (!keytab.isBlank()) {
                pending.add(uploads.submit(() -> {
                    Path stagedKeytab = new Path(stagingDir, StagedFiles.KEYTAB);
                    fs.copyFromLocalFile(false, true, new Path(java.nio.file.Path.of(keytab).toAbsolutePath().toUri()),
                            stagedKeytab);
                    fs.setPermission(stagedKeytab, new FsPermission((short) 0600));
                    return List.of();
                }));
            }
            for (Future<List<Localized>> f : pending) {
                localized.addAll(f.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while staging", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } finally {
            uploads.shutdownNow();
        }
        SpindleConf staged = appConf.with(CoreKeys.STAGING_DIR, stagingDir.toString())
                .with(CoreKeys.LOCALIZED, Localized.encode(localized));
        try (FSDataOutputStream out = fs.create(new Path(stagingDir, StagedFiles.SPINDLE_CONF), true);
             Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
            staged.write(w);
        }

        long amHeap = amHeapMib();
        List<String> amFiles = new ArrayList<>(StagedFiles.CONF_FILES);
        if (!appConf.get(SubmitKeys.KERBEROS_KEYTAB).isBlank()) {
            amFiles.add(StagedFiles.KEYTAB);
            if (explicitKrb5Conf() != null) {
                amFiles.add(StagedFiles.KRB5_CONF);
            }
        }
        String javaOptions = AmJvmOptions.of(clusterMode, conf.get(SubmitKeys.AM_JAVA_OPTIONS),
                conf.get(SubmitKeys.DRIVER_JAVA_OPTIONS));
        Map<String, org.apache.hadoop.yarn.api.records.LocalResource> amResources =
                LaunchContexts.localResources(fs, stagingDir, amFiles);
        Map<String, String> amEnvironment = LaunchContexts.environment(hadoopConf, localized,
                LaunchContexts.userVariables(appConf, CoreKeys.AM_ENV_PREFIX));
        amEnvironment.put(StagedFiles.CONF_FILES_ENV, confFiles(amResources));
        ByteBuffer credentials = amCredentials();
        if (unmanagedAm()) {
            stagedConf = staged;
            amConfFiles = Map.copyOf(amResources);
            amCredentials = credentials.duplicate();
        }
        ContainerLaunchContext amContainer = ContainerLaunchContext.newInstance(
                LaunchContexts.withLocalized(amResources, localized, true), amEnvironment,
                LaunchContexts.javaCommand(amHeap, javaOptions, AM_MAIN, List.of()),
                null, credentials, null);
        amContainer.setApplicationACLs(AppAcls.of(
                org.apache.hadoop.security.UserGroupInformation.getCurrentUser().getShortUserName(),
                conf.get(SubmitKeys.VIEW_ACLS), conf.get(SubmitKeys.MODIFY_ACLS)));
        ApplicationSubmissionContext ctx = app.getApplicationSubmissionContext();
        ctx.setApplicationName(staged.get(CoreKeys.APP_NAME));
        ctx.setApplicationType(APPLICATION_TYPE);
        ctx.setQueue(staged.get(SubmitKeys.QUEUE));
        ctx.setMaxAppAttempts(staged.get(CoreKeys.MAX_APP_ATTEMPTS));
        ctx.setResource(Resource.newInstance(CoreKeys.containerMebibytes(conf, amHeap), amVcores()));
        ctx.setAMContainerSpec(amContainer);
        ctx.setUnmanagedAM(unmanagedAm());
        java.util.Set<String> tags = new java.util.TreeSet<>();
        for (String tag : conf.get(SubmitKeys.TAGS).split(",")) {
            if (!tag.isBlank()) {
                tags.add(tag.trim());
            }
        }
        if (!tags.isEmpty()) {
            ctx.setApplicationTags(tags);
        }
        if (conf.contains(SubmitKeys.PRIORITY)) {
            ctx.setPriority(org.apache.hadoop.yarn.api.records.Priority.newInstance(conf.get(SubmitKeys.PRIORITY)));
        }
        if (!conf.get(SubmitKeys.AM_NODE_LABELS).isEmpty()) {
            ctx.setNodeLabelExpression(conf.get(SubmitKeys.AM_NODE_LABELS));
        }
        try {
            yarn.submitApplication(ctx);
        } catch (YarnException e) {
            // YarnClient throws when its first look finds the application already FAILED or KILLED
            // (an AM that dies within the poll interval). That is an application that ended, not one
            // that was never submitted: the monitor reports it with YARN's diagnostics.
            if (!endedAlready()) {
                throw e;
            }
        }
    }

    /**
     * Whether the AM runs inside this process (client mode with {@link SubmitKeys#UNMANAGED_AM}, and no
     * keytab: renewing tokens from a keytab is the AM container's work).
     */
    boolean unmanagedAm() {
        return !clusterMode && conf.get(SubmitKeys.UNMANAGED_AM) && conf.get(SubmitKeys.KERBEROS_KEYTAB).isBlank();
    }

    /** The configuration as staged for the containers; set once an unmanaged AM's application is submitted. */
    SpindleConf stagedConf() {
        return stagedConf;
    }

    /** The staged configuration files as an AM container would localize them; for an unmanaged AM. */
    Map<String, org.apache.hadoop.yarn.api.records.LocalResource> amConfFiles() {
        return amConfFiles;
    }

    /** The AM container's credentials (secret, delegation tokens), which an unmanaged AM gives executors. */
    ByteBuffer amCredentialsForExecutors() {
        return amCredentials.duplicate();
    }

    /**
     * Waits, up to {@code timeoutMillis}, for YARN to make the unmanaged AM's attempt; returns a user
     * holding what an AM container would: the attempt's AMRM token, through which the AM talks to the
     * ResourceManager, with the application's secret and delegation tokens.
     *
     * @throws IOException if the application ends or no attempt comes in time
     */
    UnmanagedAttempt awaitUnmanagedAttempt(long timeoutMillis) throws IOException, YarnException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (true) {
            org.apache.hadoop.yarn.api.records.ApplicationReport report = yarn.getApplicationReport(appId);
            YarnApplicationState state = report.getYarnApplicationState();
            if (state == YarnApplicationState.FINISHED || state == YarnApplicationState.FAILED
                    || state == YarnApplicationState.KILLED) {
                throw new IOException(appId + " ended (" + state + ") before its ApplicationMaster started: "
                        + report.getDiagnostics());
            }
            if (report.getCurrentApplicationAttemptId() != null) {
                org.apache.hadoop.security.token.Token<org.apache.hadoop.yarn.security.AMRMTokenIdentifier> token =
                        yarn.getAMRMToken(appId);
                if (token != null) {
                    org.apache.hadoop.security.UserGroupInformation user = org.apache.hadoop.security.UserGroupInformation
                            .createRemoteUser(org.apache.hadoop.security.UserGroupInformation.getCurrentUser()
                                    .getShortUserName());
                    user.addCredentials(DelegationTokens.deserialize(credentialBytes(amCredentials)));
                    user.addToken(token);
                    return new UnmanagedAttempt(report.getCurrentApplicationAttemptId(), user);
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("YARN made no attempt of " + appId + " within " + timeoutMillis + " ms (state "
                        + state + ": " + report.getDiagnostics() + ")");
            }
            Thread.sleep(50);
        }
    }

    /** An unmanaged AM's attempt, and the user to run it as. */
    record UnmanagedAttempt(org.apache.hadoop.yarn.api.records.ApplicationAttemptId id,
                            org.apache.hadoop.security.UserGroupInformation user) {
    }

    private static byte[] credentialBytes(ByteBuffer b) {
        ByteBuffer d = b.duplicate();
        byte[] out = new byte[d.remaining()];
        d.get(out);
        return out;
    }

    /** The staged configuration files as the AM localizes them, for its executors' launch contexts. */
    private static String confFiles(Map<String, org.apache.hadoop.yarn.api.records.LocalResource> amResources) {
        List<Localized> out = new ArrayList<>();
        for (String name : StagedFiles.CONF_FILES) {
            org.apache.hadoop.yarn.api.records.LocalResource r = amResources.get(name);
            try {
                out.add(new Localized(name, r.getResource().toPath().toString(), false, r.getVisibility(), r.getSize(),
                        r.getTimestamp(), true, true, false));
            } catch (java.net.URISyntaxException e) {
                throw new IllegalStateException("a staged file's URL is not a path: " + r.getResource(), e);
            }
        }
        return Localized.encode(out);
    }

    /** Spindle's jars staged with the application, when there is no framework cache. */
    private List<Localized> stagedFrameworkJars(Map<String, java.nio.file.Path> spindleJars) throws IOException {
        List<Localized> out = new ArrayList<>();
        for (Map.Entry<String, java.nio.file.Path> jar : spindleJars.entrySet()) {
            out.add(stage(jar.getValue(), jar.getKey(), false, !jar.getKey().equals(StagedFiles.AM_JAR)));
        }
        return out;
    }

    /** Uploads a local file to the staging directory under {@code name}; it lives as long as the application. */
    private Localized stage(java.nio.file.Path local, String name, boolean archive, boolean forExecutors)
            throws IOException {
        copy(local, name);
        FileStatus st = fs.getFileStatus(new Path(stagingDir, name));
        return new Localized(name, fs.makeQualified(st.getPath()).toString(), archive,
                LocalResourceVisibility.APPLICATION, st.getLen(), st.getModificationTime(), true, forExecutors,
                name.endsWith(".jar"));
    }

    /** A shipped file: local ones are staged, the cluster's own are localized from where they are. */
    private Localized ship(ShippedFiles.Shipped s, int index) throws IOException {
        boolean archive = s.kind() == ShippedFiles.Kind.ARCHIVE;
        boolean jar = s.kind() == ShippedFiles.Kind.JAR;
        if (s.local()) {
            // Under its own name, in a directory of its own: NodeManagers unpack an archive by its name's ending.
            Path target = new Path(new Path(stagingDir, "shipped/" + index), s.localPath().getFileName().toString());
            fs.copyFromLocalFile(false, true, new Path(s.localPath().toUri()), target);
            FileStatus st = fs.getFileStatus(target);
            return new Localized(s.link(), fs.makeQualified(st.getPath()).toString(), archive,
                    LocalResourceVisibility.APPLICATION, st.getLen(), st.getModificationTime(), true, true, jar);
        }
        Path remote = new Path(s.source());
        FileStatus st;
        try {
            st = remote.getFileSystem(hadoopConf).getFileStatus(remote);
        } catch (java.io.FileNotFoundException e) {
            throw new UserError(s.kind().option + " " + s.source() + " does not exist", 2, e);
        }
        if (!st.isFile()) {
            throw new UserError(s.kind().option + " " + s.source() + " is not a file", 2, null);
        }
        return new Localized(s.link(), st.getPath().toString(), archive, LocalResourceVisibility.PRIVATE, st.getLen(),
                st.getModificationTime(), true, true, jar);
    }

    /** How many of Spindle's jars this submission uploaded to the framework cache (0 when it reused them). */
    int frameworkUploads() {
        return frameworkUploads;
    }

    /**
     * What the AM's container holds that no one else may: the application's secret and, on a
     * Kerberos cluster, delegation tokens of the staging, default and listed file systems, which the
     * ResourceManager renews while the application runs.
     */
    private ByteBuffer amCredentials() throws IOException {
        Credentials credentials = new Credentials();
        secret.addTo(credentials);
        if (DelegationTokens.kerberos(hadoopConf)) {
            DelegationTokens.obtain(hadoopConf, DelegationTokens.fileSystems(hadoopConf, fs.getUri(),
                    conf.get(CoreKeys.ACCESS_FILESYSTEMS)), DelegationTokens.resourceManagerPrincipal(hadoopConf),
                    credentials);
        }
        DataOutputBuffer dob = new DataOutputBuffer();
        credentials.writeTokenStorageToStream(dob);
        return ByteBuffer.wrap(dob.getData(), 0, dob.getLength());
    }

    /** The krb5.conf this JVM was pointed at, if it was (else the nodes' own default applies). */
    private static java.nio.file.Path explicitKrb5Conf() {
        String p = System.getProperty("java.security.krb5.conf");
        return p == null || !java.nio.file.Files.isRegularFile(java.nio.file.Path.of(p)) ? null : java.nio.file.Path.of(p);
    }

    /** This application's secret, generated for it alone; a client-mode driver holds it in memory. */
    AppSecret secret() {
        return secret;
    }

    private boolean endedAlready() {
        try {
            YarnApplicationState state = yarn.getApplicationReport(appId).getYarnApplicationState();
            return state == YarnApplicationState.FAILED || state == YarnApplicationState.KILLED;
        } catch (IOException | YarnException e) {
            return false;
        }
    }

    private Void copy(java.nio.file.Path local, String name) throws IOException {
        fs.copyFromLocalFile(false, true, new Path(local.toAbsolutePath().toUri()), new Path(stagingDir, name));
        return null;
    }

    /** Removes the staging directory; safe to call whether or not anything was staged. */
    void deleteStagingDir() {
        try {
            deleteStagingDirOrThrow();
        } catch (IOException e) {
            System.err.println("spindle-submit: could not delete the staging directory " + stagingDir + ": "
                    + e.getMessage());
        }
    }

    /** Removes the staging directory, if anything was staged; returns whether there was one. */
    boolean deleteStagingDirOrThrow() throws IOException {
        if (fs == null || stagingDir == null) {
            return false;
        }
        fs.delete(stagingDir, true);
        return true;
    }

    Path stagingDir() {
        return stagingDir;
    }

    static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage();
        return m == null ? root.getClass().getSimpleName() : m;
    }
}
