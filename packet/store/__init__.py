"""Reading and writing the workspace's YAML, with messages that point at lines."""
