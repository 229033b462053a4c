# One image for the API, the worker and the migrations; docker-compose.yml picks
# the entry point per service. Debian (glibc), not Alpine: the Temporal
# core-bridge and @swc/core ship glibc native binaries.
ARG NODE_IMAGE=node:20.20.2-bookworm-slim

# ---- build: full install, compile, drop devDependencies, bundle workflows ----
FROM ${NODE_IMAGE} AS build
# The image's own npm (10.x) ignores package.json "allowScripts" and runs every
# install script; of the ones npm 11 would skip, @parcel/watcher's is a no-op
# without build-from-source and @scarf/scarf's telemetry is switched off here.
ENV SCARF_ANALYTICS=false \
    npm_config_fund=false \
    npm_config_audit=false \
    npm_config_update_notifier=false
WORKDIR /app
# Dependencies first so this layer is reused until the lockfile changes.
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci
COPY . .
# Optional dependencies stay: @swc/core's native binary is one. The
# core-bridge binaries ship inside @temporalio/core-bridge itself.
RUN npm run build && npm prune --omit=dev
# Bundle the workflow code once, here, with the production dependencies: every
# worker replica then runs the identical bundle and starts without webpack.
RUN node -e "require('@temporalio/worker').bundleWorkflowCode({ workflowsPath: require.resolve('./dist/workflows') }).then(({ code }) => require('fs').writeFileSync('dist/workflow-bundle.js', code))"

# ---- runtime -----------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    PORT=3000 \
    WORKFLOW_BUNDLE_PATH=/app/dist/workflow-bundle.js
WORKDIR /app
# Root-owned and read-only to the app user: nothing here is written at run time.
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
USER node
EXPOSE 3000
# For the API (the default command). docker-compose.yml disables it for the
# worker and the migration job, which serve no HTTP.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health',{signal:AbortSignal.timeout(4000)}).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "dist/src/main.js"]
