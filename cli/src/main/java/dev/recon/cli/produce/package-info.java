/** Publishing sensor readings to Kafka in recon's message format. */
package dev.recon.cli.produce;
