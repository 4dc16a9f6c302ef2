"""Natural language to workflow."""
