"""Samples written like the real thing — SIECLE exports, a simulated learner — for the demo, the
benchmarks and the tests."""
