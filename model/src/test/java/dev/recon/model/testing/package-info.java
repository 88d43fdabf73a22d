/** Shared test fixtures (published as the model test-jar): tiny bundles and synthetic series. */
package dev.recon.model.testing;
