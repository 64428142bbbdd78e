from frameworks.register_signals import Register  # noqa: F401
