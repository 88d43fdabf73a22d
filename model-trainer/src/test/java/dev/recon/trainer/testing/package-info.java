/** Shared test fixtures (published as the model-trainer test-jar): small models trained for real. */
package dev.recon.trainer.testing;
