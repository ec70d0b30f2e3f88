"""Engine's HTTP routes, one module per area, each with `register(api)`."""
