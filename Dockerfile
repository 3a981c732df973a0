# syntax=docker/dockerfile:1
# KVStore App: the standalone Next.js server and its migrator in one small image.
#
#   docker build --build-arg GIT_COMMIT=$(git rev-parse --short HEAD) -t kvstore-app .
#   docker run --rm -v kvstore-data:/data kvstore-app node scripts/migrate.mjs
#   docker run -p 3000:3000 -v kvstore-data:/data -e BETTER_AUTH_SECRET=... kvstore-app
#
# Not built on the machine this was written on (it has no Docker); every step it runs
# was run there without Docker: `next build`, scripts/prepare-standalone.mjs --migrator,
# `node server.js` and `node scripts/migrate.mjs` from .next/standalone (README, Deploying).

# ---- 1. dependencies: npm ci (compiles better-sqlite3's native module; runs prisma generate)
FROM node:20-bookworm-slim AS deps
WORKDIR /app
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
ENV CHECKPOINT_DISABLE=1 NEXT_TELEMETRY_DISABLED=1
# postinstall runs `prisma generate` for SQLite and PostgreSQL: the schemas and their configs.
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma/schema.prisma prisma/schema.prisma
COPY prisma/postgres/schema.prisma prisma/postgres/prisma.config.ts prisma/postgres/
RUN npm ci

# ---- 2. build: next build (output: "standalone"), then complete .next/standalone
FROM deps AS build
COPY . .
# The commit /api/health reports (.git is not sent to the build: see .dockerignore).
ARG GIT_COMMIT=unknown
# `next build`, not `npm run build`: that one writes a .env with a random secret, which
# Next would copy into the standalone folder. Only the build sees this placeholder (the
# app refuses to start without a secret of 32+ characters); it is not kept in the image.
RUN GIT_COMMIT="$GIT_COMMIT" BETTER_AUTH_SECRET=build-time-placeholder-not-used-at-run-time \
    npx next build \
  && node scripts/prepare-standalone.mjs --migrator \
  && test ! -e .next/standalone/.env

# ---- 3. runtime: only the standalone folder (server, traced node_modules, static files,
# the migrations, their runner and the Prisma CLI), owned by root and read-only to the app's user.
FROM node:20-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    CHECKPOINT_DISABLE=1 \
    PORT=3000 \
    HOSTNAME=0.0.0.0 \
    HOME=/tmp \
    DATABASE_URL=file:/data/kvstore.db
# HOSTNAME: Docker and Kubernetes set it to the container's name, and Next's server
# binds to it; 0.0.0.0 listens on every address (the HEALTHCHECK uses 127.0.0.1).
RUN groupadd --system --gid 1001 kvstore \
  && useradd --system --uid 1001 --gid kvstore --home-dir /nonexistent --shell /usr/sbin/nologin kvstore \
  && mkdir -p /data /app/.next/cache \
  && chown kvstore:kvstore /data /app/.next/cache
COPY --from=build /app/.next/standalone ./
# SQLite lives on this volume (one instance only; PostgreSQL is a later issue).
VOLUME ["/data"]
USER 1001:1001
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/api/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "server.js"]
