"""Jury's adapters: DynamoDB, S3, PDF rendering."""
