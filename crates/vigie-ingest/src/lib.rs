//! Document sources: files, directories, JSONL batches, HTML pages and RSS/Atom feeds fetched over HTTP.
