"""The state one run acts on, and its built-in processes."""
