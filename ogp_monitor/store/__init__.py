"""The database: the pipeline from a checked file to a snapshot, publishing and rollback, named queries.

The only code that opens the DuckDB file. Imports ``ingest`` (for the clean frames), nothing above it.
"""
