const { execSync } = require("node:child_process");

// The commit the build was made from, reported by /api/health. A Docker build has no .git
// (see .dockerignore): it passes GIT_COMMIT as a build argument, else "unknown".
function buildCommit() {
  if (process.env.GIT_COMMIT) return process.env.GIT_COMMIT;
  try {
    return (
      execSync("git rev-parse --short HEAD", { cwd: __dirname, stdio: ["ignore", "pipe", "ignore"] })
        .toString()
        .trim() || "unknown"
    );
  } catch {
    return "unknown";
  }
}

// Security headers for everything the app serves; pages add their own nonce-based CSP
// in proxy.ts. HSTS belongs to the HTTPS terminator in front of the app.
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  // A self-contained server in .next/standalone (only the traced node_modules): what the
  // image ships and `npm run start:prod` serves (scripts/start-standalone.mjs).
  output: "standalone",
  poweredByHeader: false,
  // Inlined at build time into the server code (/api/health).
  env: { KVSTORE_COMMIT: buildCommit() },
  reactStrictMode: true,
  experimental: {
    // A CI run builds a fresh clone once: writing Turbopack's build cache to disk (21.7 s
    // of `npm test` there) would buy nothing. Elsewhere it speeds up the next build.
    turbopackFileSystemCacheForBuild: !process.env.CI,
  },
  async redirects() {
    return [{ source: "/", destination: "/requests", permanent: false }];
  },
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders },
      {
        // JSON and streams: nothing in them may run or be framed; never cached by the way.
        // /api/docs (the reference page and its assets) sends its own policy.
        source: "/api/:path((?!docs(?:/|$)).*)",
        headers: [
          { key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'" },
          { key: "Cache-Control", value: "no-store" },
        ],
      },
    ];
  },
};

module.exports = nextConfig;
