"""Engine's actions, one function each, taking their ports."""
