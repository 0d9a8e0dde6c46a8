# Build: the jar, with the web app compiled into it. The web build (Vite 7) needs Node.js 20.19+, newer than the
# distribution's package, so Node comes from the official image.
FROM node:20-bookworm-slim AS node

FROM maven:3.9-eclipse-temurin-17 AS build
COPY --from=node /usr/local/bin/node /usr/local/bin/node
COPY --from=node /usr/local/lib/node_modules /usr/local/lib/node_modules
RUN ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm && node --version && npm --version
WORKDIR /src
COPY pom.xml ./
RUN mvn -B -q dependency:go-offline
COPY schema schema
COPY web web
COPY src src
RUN mvn -B -q package -DskipTests

# Run: a JRE, a non-root user, the data directory as a volume.
FROM eclipse-temurin:17-jre
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
RUN useradd --system --create-home --uid 10001 baton && mkdir -p /data && chown baton /data
COPY --from=build /src/target/baton.jar /opt/baton/baton.jar
USER baton
ENV BATON_DATA_DIR=/data BATON_PORT=8080
VOLUME ["/data"]
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s CMD curl -fsS http://localhost:8080/health || exit 1
ENTRYPOINT ["java", "-jar", "/opt/baton/baton.jar"]
