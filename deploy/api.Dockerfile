# syntax=docker/dockerfile:1
# Payload Tracker api: the read-only HTTP service (API_PORT 8080, metrics on METRICS_PORT 9000).
# Build from the repository root: docker build -f deploy/api.Dockerfile -t payload-tracker-api:dev .
#
# The build stage uses Debian (glibc) because the workspace's dev tooling ships native binaries
# (nx, swc, esbuild, embedded-postgres) resolved on glibc machines. The build bundles the app with
# esbuild (swc compiles the TypeScript, for decorator metadata) and writes a package.json and a
# pruned package-lock.json of its production dependencies beside main.js.
# The runtime stage is Alpine: the production dependencies are pure JavaScript (pg without
# pg-native, kafkajs, fastify), so musl changes nothing and the image stays the smallest official
# Node 20 one. A platform that mandates UBI passes
# --build-arg RUNTIME_IMAGE=registry.access.redhat.com/ubi9/nodejs-20-minimal
# (it has npm and needs no other change: nothing below uses apk or adduser).
ARG BUILD_IMAGE=node:20-bookworm-slim
ARG RUNTIME_IMAGE=node:20-alpine

FROM ${BUILD_IMAGE} AS build
WORKDIR /workspace
ENV NX_DAEMON=false NX_NO_CLOUD=true NX_SKIP_NX_CACHE=true CI=true
COPY package.json package-lock.json ./
# Install scripts are not needed to compile; skipping them keeps the build reproducible offline.
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY . .
# The api build builds the web console first (apps/console, an implicit dependency): both land
# in dist/apps; a missing console fails the image build rather than a page at run time.
RUN NODE_ENV=production npx nx run api:build && test -f dist/apps/console/index.html

# A separate stage so npm's cache and the build tree never reach the runtime image.
FROM ${RUNTIME_IMAGE} AS production-dependencies
USER 0
WORKDIR /app
COPY --from=build /workspace/dist/apps/api/package.json /workspace/dist/apps/api/package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund --ignore-scripts && npm cache clean --force

FROM ${RUNTIME_IMAGE} AS runtime
# Shown by payload_tracker_build_info{version}; CI passes the release or commit.
ARG BUILD_VERSION=dev
LABEL org.opencontainers.image.title="payload-tracker-api" \
      org.opencontainers.image.description="Payload Tracker read-only HTTP API" \
      org.opencontainers.image.licenses="Apache-2.0" \
      io.k8s.display-name="payload-tracker-api" \
      io.openshift.tags="payload-tracker,nodejs"
ENV NODE_ENV=production \
    BUILD_VERSION=${BUILD_VERSION} \
    NODE_OPTIONS=--enable-source-maps \
    API_PORT=8080 \
    METRICS_PORT=9000 \
    CONSOLE_DIR=/app/console
USER 0
WORKDIR /app
# OpenShift runs the container with an arbitrary UID whose group is 0: files are owned by group 0
# and readable by it; the process writes nothing to disk (logs go to stdout), so no g+w is needed.
COPY --from=production-dependencies --chown=1001:0 /app/node_modules ./node_modules
COPY --from=build --chown=1001:0 /workspace/dist/apps/api ./
# The web console's static files, served by the api under /console/ (found beside main.js).
COPY --from=build --chown=1001:0 /workspace/dist/apps/console ./console
USER 1001
EXPOSE 8080 9000
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.API_PORT || 8080) + '/health/live').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "main.js"]
