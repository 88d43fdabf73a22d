/** Training data: recorded series from CSV files, images from IDX files and PNG folders. */
package dev.recon.trainer.data;
