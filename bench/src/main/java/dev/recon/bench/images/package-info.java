/** One-class image benchmarks: Fashion-MNIST, each class as the normal one in turn. */
package dev.recon.bench.images;
