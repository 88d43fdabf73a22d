/**
 * The model bundle: a directory (or zip archive) holding {@code manifest.json} and DJL parameters,
 * which fully describes one trained detector and is verified before it is used.
 */
package dev.recon.model.bundle;
