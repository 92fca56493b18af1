"""The interpreter that evaluates a compiled pack against records."""
