"""Engine's adapters: DynamoDB, and the in-memory fakes of its ports."""
