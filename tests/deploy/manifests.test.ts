// The deployment files keep their contracts with the app: every YAML under
// deploy/kubernetes and compose.yaml parses; probes hit /api/ready (readiness) and
// /api/health (liveness, start-up) on the port the app listens on; the Service reaches
// that port; pods run as non-root on a read-only root; the SQLite variant is one replica
// with Recreate; the app's V8 heap ceiling fits its container; the Dockerfile's HEALTHCHECK hits /api/health; and nothing under deploy/
// or in compose.yaml looks like a secret value.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { parseAllDocuments } from "yaml";

const ROOT = path.join(__dirname, "..", "..");
const K8S_DIR = path.join(ROOT, "deploy", "kubernetes");
const COMPOSE = path.join(ROOT, "compose.yaml");
const DOCKERFILE = path.join(ROOT, "Dockerfile");

/** The port the app listens on when PORT is not set (lib/env.ts). */
const APP_DEFAULT_PORT = Number(/PORT: z\.coerce\.number\(\)[^\n]*\.default\((\d+)\)/.exec(readFileSync(path.join(ROOT, "lib", "env.ts"), "utf8"))![1]);
/** What the migration runs in the image (prepare-standalone.mjs --migrator copies the script). */
const MIGRATE_COMMAND = ["node", "scripts/migrate.mjs"];

type Doc = Record<string, any>;
type Manifest = { file: string; doc: Doc };

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

function parseYaml(file: string): Doc[] {
  const docs = parseAllDocuments(readFileSync(file, "utf8"));
  for (const d of docs) if (d.errors.length > 0) throw new Error(`${path.relative(ROOT, file)}: ${d.errors[0]!.message}`);
  return docs.map((d) => d.toJS()).filter((d) => d !== null);
}

const yamlFiles = filesUnder(K8S_DIR).filter((f) => /\.ya?ml$/.test(f));
const manifests: Manifest[] = yamlFiles.flatMap((file) => parseYaml(file).map((doc) => ({ file: path.relative(ROOT, file), doc })));
const ofKind = (kind: string, where?: (m: Manifest) => boolean) => manifests.filter((m) => m.doc.kind === kind && (where?.(m) ?? true));
const inSqlite = (m: Manifest) => m.file.startsWith(path.join("deploy", "kubernetes", "sqlite") + path.sep);

const configMap = ofKind("ConfigMap")[0]!.doc;
const PORT = Number(configMap.data.PORT);
const deployments = ofKind("Deployment");
const appContainer = (d: Doc) => d.spec.template.spec.containers.find((c: Doc) => c.name === "app");
const envValue = (container: Doc, name: string) => container.env?.find((e: Doc) => e.name === name);

/** A Kubernetes memory quantity in MiB ("768Mi", "1Gi"). */
function mebibytes(quantity: string): number {
  const match = /^(\d+)(Mi|Gi)$/.exec(quantity);
  if (!match) throw new Error(`unexpected memory quantity ${quantity}`);
  return Number(match[1]) * (match[2] === "Gi" ? 1024 : 1);
}

/** A probe's or Service's port, named or numbered, as the container's port number. */
function portNumber(container: Doc, port: string | number): number | undefined {
  if (typeof port === "number") return port;
  return container.ports?.find((p: Doc) => p.name === port)?.containerPort;
}

describe("deploy/kubernetes", () => {
  it("parses: every file, every document has a kind and a name", () => {
    expect(yamlFiles.length).toBeGreaterThanOrEqual(9);
    for (const { file, doc } of manifests) expect([file, typeof doc.kind, typeof doc.metadata?.name]).toEqual([file, "string", "string"]);
    const kinds = new Set(manifests.map((m) => m.doc.kind));
    for (const kind of ["Deployment", "Service", "HorizontalPodAutoscaler", "PodDisruptionBudget", "Job", "ConfigMap", "Secret", "PersistentVolumeClaim"]) {
      expect([kind, kinds.has(kind)]).toEqual([kind, true]);
    }
  });

  it("sets the app's own port and listens on every address", () => {
    expect(PORT).toBe(APP_DEFAULT_PORT);
    // Kubernetes sets HOSTNAME to the pod's name; Next's standalone server binds to it.
    expect(configMap.data.HOSTNAME).toBe("0.0.0.0");
  });

  it.each(deployments.map((m) => [m.file, m.doc] as const))("%s: probes, port, resources, non-root, read-only root", (_file, d) => {
    const pod = d.spec.template.spec;
    const app = appContainer(d);
    expect(app).toBeDefined();
    // The container port is the one the ConfigMap tells the app to listen on.
    expect(app.envFrom).toEqual(expect.arrayContaining([{ configMapRef: { name: configMap.metadata.name } }]));
    expect(envValue(app, "PORT")).toBeUndefined(); // nothing overrides the ConfigMap's
    expect(portNumber(app, "http")).toBe(PORT);

    expect(app.readinessProbe.httpGet.path).toBe("/api/ready");
    expect(app.livenessProbe.httpGet.path).toBe("/api/health");
    expect(app.startupProbe.httpGet.path).toBe("/api/health");
    for (const probe of [app.readinessProbe, app.livenessProbe, app.startupProbe]) expect(portNumber(app, probe.httpGet.port)).toBe(PORT);

    for (const c of [...pod.containers, ...(pod.initContainers ?? [])]) {
      expect([c.name, c.resources?.requests?.cpu, c.resources?.requests?.memory, c.resources?.limits?.memory].every(Boolean)).toBe(true);
      expect(pod.securityContext?.runAsNonRoot === true || c.securityContext?.runAsNonRoot === true).toBe(true);
      expect(c.securityContext.readOnlyRootFilesystem).toBe(true);
      expect(c.securityContext.allowPrivilegeEscalation).toBe(false);
      // Whatever it writes is a volume (emptyDir or the database's claim).
      for (const mount of c.volumeMounts ?? []) {
        const volume = pod.volumes.find((v: Doc) => v.name === mount.name);
        expect([mount.mountPath, Boolean(volume?.emptyDir || volume?.persistentVolumeClaim)]).toEqual([mount.mountPath, true]);
      }
    }
    expect(app.volumeMounts.map((m: Doc) => m.mountPath)).toEqual(expect.arrayContaining(["/app/.next/cache", "/tmp"]));
    // Secrets come from the Secret, never inline.
    expect(envValue(app, "BETTER_AUTH_SECRET").valueFrom.secretKeyRef.name).toBe(ofKind("Secret")[0]!.doc.metadata.name);
    // V8's heap ceiling fits the container: at most three quarters of its memory limit, the
    // rest for the young generation, code and native memory (SQLite's cache, sockets).
    const heapMb = Number(/--max-old-space-size=(\d+)/.exec(envValue(app, "NODE_OPTIONS")?.value ?? "")?.[1]);
    expect(heapMb).toBeGreaterThan(0);
    expect(heapMb).toBeLessThanOrEqual(0.75 * mebibytes(app.resources.limits.memory));
  });

  it("routes the Service to the app's container port", () => {
    for (const { doc: service } of ofKind("Service")) {
      for (const d of deployments) {
        expect(d.doc.spec.template.metadata.labels).toMatchObject(service.spec.selector);
        for (const p of service.spec.ports) expect(portNumber(appContainer(d.doc), p.targetPort)).toBe(PORT);
      }
    }
  });

  it("scales and protects only the several-instance Deployment", () => {
    const main = deployments.filter((m) => !inSqlite(m));
    expect(main).toHaveLength(1);
    const hpa = ofKind("HorizontalPodAutoscaler")[0]!.doc;
    expect(hpa.spec.scaleTargetRef).toMatchObject({ kind: "Deployment", name: main[0]!.doc.metadata.name });
    expect(hpa.spec.minReplicas).toBeGreaterThanOrEqual(2);
    expect(ofKind("PodDisruptionBudget")[0]!.doc.spec.selector.matchLabels).toEqual(main[0]!.doc.spec.selector.matchLabels);
    expect(ofKind("HorizontalPodAutoscaler", inSqlite)).toEqual([]);
    expect(ofKind("PodDisruptionBudget", inSqlite)).toEqual([]);
  });

  it("never migrates when a pod of the several-instance Deployment starts: the Job does", () => {
    const main = deployments.filter((m) => !inSqlite(m));
    expect(main.length).toBeGreaterThan(0);
    for (const { doc } of main) {
      const pod = doc.spec.template.spec;
      expect(pod.initContainers ?? []).toEqual([]);
      for (const container of pod.containers) expect(JSON.stringify([container.command ?? [], container.args ?? []])).not.toMatch(/migrat/i);
    }
    // The image's own start command is the server alone.
    expect(/^CMD (.*)$/m.exec(readFileSync(DOCKERFILE, "utf8"))![1]).toBe('["node", "server.js"]');
  });

  it("migrates with the runner the image carries, as non-root", () => {
    const job = ofKind("Job")[0]!.doc;
    const [migrate] = job.spec.template.spec.containers;
    expect(migrate.command).toEqual(MIGRATE_COMMAND);
    expect(existsSync(path.join(ROOT, MIGRATE_COMMAND[1]!))).toBe(true);
    expect(job.spec.template.spec.securityContext.runAsNonRoot).toBe(true);
    expect(job.spec.template.spec.restartPolicy).toBe("Never");
    expect(migrate.resources.limits.memory).toBeDefined();
  });

  it("runs SQLite as one replica with Recreate, on its claim, migrated before it starts", () => {
    const [sqlite, ...more] = deployments.filter(inSqlite);
    expect(more).toEqual([]);
    const d = sqlite!.doc;
    expect(d.spec.replicas).toBe(1);
    expect(d.spec.strategy.type).toBe("Recreate");
    const pod = d.spec.template.spec;
    const claim = pod.volumes.find((v: Doc) => v.persistentVolumeClaim)!;
    expect(ofKind("PersistentVolumeClaim", inSqlite).map((m) => m.doc.metadata.name)).toContain(claim.persistentVolumeClaim.claimName);
    const dataDir = appContainer(d).volumeMounts.find((m: Doc) => m.name === claim.name).mountPath;
    expect(envValue(appContainer(d), "DATABASE_URL").value).toMatch(new RegExp(`^file:${dataDir}/[^/]+\\.db$`));
    expect(pod.initContainers.map((c: Doc) => c.command)).toContainEqual(MIGRATE_COMMAND);
    expect(envValue(pod.initContainers[0], "DATABASE_URL").value).toBe(envValue(appContainer(d), "DATABASE_URL").value);
  });

  it("holds only placeholders in the Secret template", () => {
    const secrets = ofKind("Secret");
    expect(secrets.length).toBeGreaterThan(0);
    for (const { file, doc } of secrets) {
      expect(file).toMatch(/templates/);
      expect(doc.data).toBeUndefined(); // base64 values would hide what they hold
      const values = Object.values(doc.stringData ?? {});
      expect(values.length).toBeGreaterThan(0);
      for (const value of values) expect(value).toBe("REPLACE_ME");
    }
  });
});

describe("compose.yaml", () => {
  const [compose] = parseYaml(COMPOSE) as [Doc];

  it("migrates, then serves the app on its port with SQLite on a volume", () => {
    const { app, migrate } = compose.services;
    expect(migrate.command).toEqual(MIGRATE_COMMAND);
    expect(app.depends_on.migrate.condition).toBe("service_completed_successfully");
    expect(app.environment.PORT).toBe(String(APP_DEFAULT_PORT));
    expect(app.ports).toContain(`${APP_DEFAULT_PORT}:${app.environment.PORT}`);
    expect(app.environment.DATABASE_URL).toBe(migrate.environment.DATABASE_URL);
    expect(app.environment.DATABASE_URL).toMatch(/^file:\/data\//);
    expect(app.volumes).toContain("data:/data");
    expect(app.read_only).toBe(true);
    // The secret comes from the environment, and compose refuses to start without it.
    expect(app.environment.BETTER_AUTH_SECRET).toMatch(/^\$\{BETTER_AUTH_SECRET:\?/);
  });

  it("has a PostgreSQL service for later, with its password from the environment", () => {
    const { postgres } = compose.services;
    expect(postgres.image).toMatch(/^postgres:/);
    expect(postgres.environment.POSTGRES_PASSWORD).toMatch(/^\$\{POSTGRES_PASSWORD/);
  });
});

describe("Dockerfile", () => {
  const dockerfile = readFileSync(DOCKERFILE, "utf8");
  const runtime = dockerfile.slice(dockerfile.lastIndexOf("\nFROM "));

  it("builds in stages and runs the standalone server as a non-root user", () => {
    expect(dockerfile.match(/^FROM /gm)!.length).toBeGreaterThanOrEqual(3);
    expect(dockerfile).toMatch(/^RUN npm ci$/m);
    expect(runtime).toMatch(/^COPY --from=build \/app\/\.next\/standalone /m);
    expect(runtime).toMatch(/^USER (?!0\b|root\b)\d+/m);
    expect(runtime).toMatch(/^CMD \["node", "server\.js"\]$/m);
    expect(runtime).toMatch(/^EXPOSE (\d+)$/m);
    expect(Number(/^EXPOSE (\d+)$/m.exec(runtime)![1])).toBe(PORT);
    expect(runtime).toMatch(new RegExp(`^\\s*PORT=${PORT}\\b`, "m"));
    expect(runtime).toMatch(/^\s*HOSTNAME=0\.0\.0\.0\b/m);
  });

  it("checks its health on /api/health", () => {
    const healthcheck = /^HEALTHCHECK (?:[^\n]*\\\n)*[^\n]*/m.exec(runtime)![0];
    expect(healthcheck).toContain("/api/health");
    expect(healthcheck).toContain("process.env.PORT");
  });

  it("sends no secrets, data or build output to the build", () => {
    const ignored = readFileSync(path.join(ROOT, ".dockerignore"), "utf8").split("\n");
    for (const entry of [".env", ".git", "node_modules", ".next", "*.db", ".tmp", "lib/generated"]) expect(ignored).toContain(entry);
  });
});

describe("no secret values in deploy/, compose.yaml or the Dockerfile", () => {
  const files = [...filesUnder(path.join(ROOT, "deploy")), COMPOSE, DOCKERFILE];
  const SECRET_SHAPES: [string, RegExp][] = [
    ["a private key", /-----BEGIN [A-Z ]*PRIVATE KEY-----/],
    ["an API token of this app", /\bkvs_[A-Za-z0-9_-]{16,}/],
    ["an AWS access key", /\bAKIA[0-9A-Z]{16}\b/],
    ["a password in a URL", /[a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:(?!\$\{)[^\s@/]+@/i],
    ["a long random-looking string", /(?<![A-Za-z0-9_./-])(?=[A-Za-z0-9+/_=-]*\d)(?=[A-Za-z0-9+/_=-]*[A-Z])(?=[A-Za-z0-9+/_=-]*[a-z])[A-Za-z0-9+/_=-]{24,}/],
    ["a long hex string", /\b[0-9a-f]{32,}\b/i],
  ];
  // A key that names a secret must hold a placeholder, a ${VARIABLE} or a reference.
  const SECRET_KEY =
    /^\s*-?\s*"?([A-Z0-9_]*(?:SECRET|PASSWORD|TOKEN|API_KEY|PRIVATE_KEY)[A-Z0-9_]*|[a-z_]*(?:secret|password|token|apiKey|api_key))"?\s*[:=]\s*(.*)$/;
  const ALLOWED_VALUE = /^(?:|"REPLACE_ME"|REPLACE_ME|\$\{[A-Z0-9_]+(?::?[?-][^}]*)?\}|build-time-placeholder-not-used-at-run-time.*|#.*)$/;

  it.each(files.map((f) => [path.relative(ROOT, f), f]))("%s", (_name, file) => {
    const text = readFileSync(file, "utf8");
    for (const [what, shape] of SECRET_SHAPES) expect([what, text.match(shape)?.[0]]).toEqual([what, undefined]);
    for (const line of text.split("\n")) {
      const m = SECRET_KEY.exec(line);
      if (m && !/^\s*#/.test(line)) expect([line.trim(), ALLOWED_VALUE.test(m[2]!.trim())]).toEqual([line.trim(), true]);
    }
    // The local .env's real secret, if this checkout has one, appears nowhere.
    const envFile = path.join(ROOT, ".env");
    const local = existsSync(envFile) ? /^BETTER_AUTH_SECRET="?([^"\n]+)"?/m.exec(readFileSync(envFile, "utf8"))?.[1] : undefined;
    if (local) expect(text.includes(local)).toBe(false);
  });

  it("catches the shapes it looks for", () => {
    const samples = [
      "-----BEGIN RSA PRIVATE KEY-----",
      "kvs_Q2hhbmdlTWVDaGFuZ2VNZUNoYW5nZU1l",
      "postgresql://kvstore:hunter2@db:5432/kvstore",
      "Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MEFCQ0RFRg==",
      "3f2a9c4e5b6d7e8f9a0b1c2d3e4f5a6b",
    ];
    for (const sample of samples) expect([sample, SECRET_SHAPES.some(([, shape]) => shape.test(sample))]).toEqual([sample, true]);
    expect(ALLOWED_VALUE.test('"s3cr3t-value"')).toBe(false);
    expect(ALLOWED_VALUE.test("${BETTER_AUTH_SECRET:?set it}")).toBe(true);
  });
});
