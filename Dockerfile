# syntax=docker/dockerfile:1
# The recon image: the official Flink image with DJL and the CPU libtorch in lib/, recon's job jar in
# usrlib/, recon's Flink settings (deploy/flink-conf/config.yaml, the file the local scripts use) and
# the recon CLI in /opt/recon (train, produce, run --cluster). docker-compose.yml runs every recon
# service (JobManager, TaskManager, trainer, job submission, producer) from it.
#
#   docker build -t recon:local .

FROM maven:3.9.11-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -B -ntp -DskipTests install \
 && mkdir -p /dist && cp "$(ls cli/target/recon-cli-*.jar | grep -v -- '-tests.jar' | head -n 1)" /dist/recon-cli.jar

FROM flink:2.2.0-java17
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
# DJL and libtorch on the cluster's classpath, loaded parent-first (classloader.parent-first-patterns.additional:
# ai.djl.): a job jar must never bring them, or a second job fails with "already loaded in another classloader".
COPY --from=build /src/deploy/target/djl-lib/ /opt/flink/lib/
# recon's Prometheus reporter and the metric types operators share with it (metrics.reporter.prom.* in the config).
COPY --from=build /src/deploy/target/reporter-lib/ /opt/flink/lib/
COPY --from=build /src/deploy/target/job/recon-jobs-job.jar /opt/flink/usrlib/recon-jobs-job.jar
COPY deploy/flink-conf/config.yaml /opt/flink/conf/config.yaml
COPY --from=build /dist/recon-cli.jar /opt/recon/recon-cli.jar
COPY --from=build /src/cli/target/lib/ /opt/recon/lib/
COPY --from=build /src/cli/target/jobs/ /opt/recon/jobs/
COPY deploy/docker/recon /usr/local/bin/recon
COPY data/samples/ /opt/recon/samples/
# libtorch unpacks from its jar on first use (about 430 MB) into DJL_CACHE_DIR.
ENV DJL_CACHE_DIR=/opt/recon/djl-cache
RUN mkdir -p /opt/recon/djl-cache /models && chown -R flink:flink /opt/recon /models /opt/flink/conf
