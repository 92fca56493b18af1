"""The engine: lowers a compiled pack to closures and judges records against it."""
