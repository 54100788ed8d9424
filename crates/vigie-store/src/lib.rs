//! The event store: documents, coded events with evidence, clusters and the relations index.
