"""OGP Monitor: monitoring Latvia's open government action plans."""
