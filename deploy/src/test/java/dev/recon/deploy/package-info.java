/** Tests of recon's deployment files: the local cluster scripts, docker-compose.yml and the Kubernetes manifests. */
package dev.recon.deploy;
