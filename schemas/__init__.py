"""Data models: the environment and the workflow syntax tree, with their JSON Schemas."""
