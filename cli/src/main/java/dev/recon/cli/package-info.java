/** The {@code recon} command line: train, score, produce, demo. */
package dev.recon.cli;
