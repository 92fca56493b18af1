"""Rule packs: YAML schema, safe loading, and compilation to a backend-neutral form."""
