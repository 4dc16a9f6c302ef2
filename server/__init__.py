"""wfl: a workflow language for trigger-action automations, and its language server."""

__version__ = "0.1.0"
