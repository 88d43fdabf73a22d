/** Training data: reading recorded series from files. */
package dev.recon.trainer.data;
