"""PynamoDB settings of the local stack's apps process (`PYNAMODB_CONFIG` points here).

A Lambda container serves one request at a time; the local apps process serves up to 8 requests
and runs 8 queue pumps at once, sharing each model's connection pool. With PynamoDB's default
of 10 connections, the threads beyond 10 opened and dropped a connection per call."""

max_pool_connections = 64
