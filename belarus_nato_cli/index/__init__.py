"""The SQLite index: the cache of built indexes (cache), building one (build), the insert
process (writer), the tables (schema), and the store that reads it (store)."""
