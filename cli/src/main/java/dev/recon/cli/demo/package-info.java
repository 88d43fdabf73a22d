/** The embedded end-to-end demo: broker, training, Flink job, replay and a labelled summary. */
package dev.recon.cli.demo;
