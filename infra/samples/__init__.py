"""Sample SIECLE exports, written like the real ones: for the demo, the benchmarks and the tests."""
