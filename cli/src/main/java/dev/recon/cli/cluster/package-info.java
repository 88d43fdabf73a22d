/** Submitting recon jobs to a running Flink cluster over its REST API. */
package dev.recon.cli.cluster;
