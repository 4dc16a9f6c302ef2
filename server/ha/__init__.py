"""Home Assistant: import its states and services as an environment, export workflows as automations."""
