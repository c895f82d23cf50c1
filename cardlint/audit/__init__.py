"""``cardlint audit``: lint a dump of many model cards into parquet tables and a report.

Imported only by the audit command: pyarrow, pandas and Dask are the ``cardlint[audit]`` extra.
"""
