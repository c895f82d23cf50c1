"""Engines run ``audit_partition`` over a source's partitions: locally in processes, or on Dask."""
