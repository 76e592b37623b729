FROM oven/bun:1.4.5 AS build
WORKDIR /app
COPY package.json bun.lock bunfig.toml ./
RUN bun install --frozen-lockfile
COPY tsconfig.json ./
COPY scripts ./scripts
COPY public ./public
COPY src ./src
RUN bun scripts/build.ts

FROM debian:bookworm-slim
RUN useradd --system --user-group --no-create-home --shell /usr/sbin/nologin tickertape \
 && install -d -o tickertape -g tickertape /data
COPY --from=build /app/dist/tickertape /usr/local/bin/tickertape
ENV DATABASE_URL=file:/data/tickertape.db \
    DATA_DIR=/data \
    TMPDIR=/tmp
USER tickertape
WORKDIR /data
VOLUME /data
EXPOSE 3000
STOPSIGNAL SIGTERM
# No curl in this image: bash's /dev/tcp sends the request.
HEALTHCHECK --interval=10s --timeout=3s --start-period=5s \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${PORT:-3000} && printf 'GET /health/ready HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
ENTRYPOINT ["/usr/local/bin/tickertape"]
