# Build stage: compile TypeScript with the full dependency set.
FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY plugins ./plugins
COPY providers ./providers
RUN npm run build && npm prune --omit=dev

# Runtime stage: compiled output and production dependencies only, as a non-root user.
FROM node:22-bookworm-slim
# Outside a container HOST defaults to 127.0.0.1, as Ollama; a container must listen on every interface.
ENV NODE_ENV=production HOST=0.0.0.0 PORT=11434 DATA_DIR=/data
# A larger young generation (V8's default semi-space is 16 MiB): a relay's garbage is short-lived, and with
# thousands of open streams the default promoted it to the old generation, whose collections held chunks back
# (README, "Many open streams"). NODE_OPTIONS, so a deployment can set another size.
ENV NODE_OPTIONS=--max-semi-space-size=64
WORKDIR /app
# User-defined models (/api/create, /api/copy) live here; mount a volume to keep them.
RUN mkdir /data && chown node:node /data
VOLUME /data
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
COPY --chown=node:node package.json ./
USER node
EXPOSE 11434
HEALTHCHECK --interval=30s --timeout=3s --start-period=5s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||11434)+'/health/live').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "dist/src/server.js"]
