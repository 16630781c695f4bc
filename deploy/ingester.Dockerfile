# syntax=docker/dockerfile:1
# Payload Tracker ingester: the Kafka consumer (health and metrics on METRICS_PORT 9001).
# The same image runs the two jobs with another command:
#   migrations: node migrate.js up       retention: node retention.js
# Build from the repository root: docker build -f deploy/ingester.Dockerfile -t payload-tracker-ingester:dev .
#
# Base images: see deploy/api.Dockerfile (Debian build stage, Alpine runtime, UBI by build arg).
ARG BUILD_IMAGE=node:20-bookworm-slim
ARG RUNTIME_IMAGE=node:20-alpine

FROM ${BUILD_IMAGE} AS build
WORKDIR /workspace
ENV NX_DAEMON=false NX_NO_CLOUD=true NX_SKIP_NX_CACHE=true CI=true
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY . .
RUN NODE_ENV=production npx nx run ingester:build

FROM ${RUNTIME_IMAGE} AS production-dependencies
USER 0
WORKDIR /app
COPY --from=build /workspace/dist/apps/ingester/package.json /workspace/dist/apps/ingester/package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund --ignore-scripts && npm cache clean --force

FROM ${RUNTIME_IMAGE} AS runtime
# Shown by payload_tracker_build_info{version}; CI passes the release or commit.
ARG BUILD_VERSION=dev
LABEL org.opencontainers.image.title="payload-tracker-ingester" \
      org.opencontainers.image.description="Payload Tracker Kafka ingester, migrations and retention jobs" \
      org.opencontainers.image.licenses="Apache-2.0" \
      io.k8s.display-name="payload-tracker-ingester" \
      io.openshift.tags="payload-tracker,nodejs,kafka"
# A bounded old generation (128 MB) and small young generation keep the ingester's peak RSS at
# about 185 MB at full ingest speed, at no measured cost in speed; --enable-source-maps is left
# out: it parsed every dependency's source map and cost 20 MB of RSS (docs/benchmarks.md,
# "Issue 15: the ingester's memory"). The bundle is not minified, so stacks stay readable.
ENV NODE_ENV=production \
    BUILD_VERSION=${BUILD_VERSION} \
    NODE_OPTIONS="--max-old-space-size=128 --max-semi-space-size=4" \
    METRICS_PORT=9001
USER 0
WORKDIR /app
# Arbitrary OpenShift UIDs belong to group 0: see deploy/api.Dockerfile.
COPY --from=production-dependencies --chown=1001:0 /app/node_modules ./node_modules
COPY --from=build --chown=1001:0 /workspace/dist/apps/ingester ./
USER 1001
EXPOSE 9001
# Meaningful for the consumer only; the one-shot jobs exit long before the first check.
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.METRICS_PORT || 9001) + '/health/live').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "main.js"]
