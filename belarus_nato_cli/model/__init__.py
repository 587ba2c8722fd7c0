"""The fact model: the validated record types (types), reading fact packs (reading),
validating them (validation), and their JSON Schema (jsonschema)."""
