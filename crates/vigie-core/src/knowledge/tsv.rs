//! Reading the knowledge base's tab-separated files: comments, empty fields and multi-valued fields.

/// An error in a data file, with the file and line it was found at.
#[derive(Debug, thiserror::Error)]
#[error("{file}:{line}: {message}")]
pub struct DataError {
    pub file: &'static str,
    pub line: usize,
    pub message: String,
}

/// One data line split into fields.
pub struct Record<'a> {
    pub file: &'static str,
    pub line: usize,
    fields: Vec<&'a str>,
}

impl<'a> Record<'a> {
    pub fn error(&self, message: impl Into<String>) -> DataError {
        DataError {
            file: self.file,
            line: self.line,
            message: message.into(),
        }
    }

    /// The field at `i`, which must exist.
    pub fn get(&self, i: usize) -> Result<&'a str, DataError> {
        self.fields
            .get(i)
            .copied()
            .ok_or_else(|| self.error(format!("missing column {}", i + 1)))
    }

    /// The field at `i`, or `None` when absent or written `-`.
    pub fn opt(&self, i: usize) -> Option<&'a str> {
        self.fields
            .get(i)
            .copied()
            .filter(|f| !f.is_empty() && *f != "-")
    }

    /// The `|`-separated values of the field at `i`; empty when absent or `-`.
    pub fn list(&self, i: usize) -> impl Iterator<Item = &'a str> {
        self.opt(i)
            .into_iter()
            .flat_map(|f| f.split('|'))
            .map(str::trim)
            .filter(|v| !v.is_empty())
    }

    pub fn len(&self) -> usize {
        self.fields.len()
    }

    pub fn is_empty(&self) -> bool {
        self.fields.is_empty()
    }
}

/// Iterates over the data lines of an embedded file, skipping comments and blank lines.
pub fn records(file: &'static str, content: &'static str) -> impl Iterator<Item = Record<'static>> {
    content.lines().enumerate().filter_map(move |(i, line)| {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') {
            return None;
        }
        Some(Record {
            file,
            line: i + 1,
            fields: line.split('\t').map(str::trim).collect(),
        })
    })
}
