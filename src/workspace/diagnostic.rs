//! What loading found wrong, with the file, line and column a person can go to.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem in the workspace: an error stops a file (or a record) from loading, a
/// warning is a data problem worth a look that loses nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The file, relative to the workspace folder.
    pub file: String,
    /// 1-based line and column, where one applies.
    pub position: Option<(usize, usize)>,
    pub message: String,
}

impl Diagnostic {
    pub fn error(file: &str, position: Option<(usize, usize)>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: file.to_string(),
            position,
            message: message.into(),
        }
    }

    pub fn warning(
        file: &str,
        position: Option<(usize, usize)>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            file: file.to_string(),
            position,
            message: message.into(),
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        match self.position {
            Some((line, col)) => write!(f, "{}:{line}:{col}: {level}: {}", self.file, self.message),
            None => write!(f, "{}: {level}: {}", self.file, self.message),
        }
    }
}

pub use crate::text::line_col;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_become_lines_and_columns() {
        let text = "a = 1\nbé = 2\n";
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, 6), (2, 1));
        assert_eq!(line_col(text, 9), (2, 3));
        assert_eq!(line_col(text, 999), (3, 1));
    }

    #[test]
    fn a_diagnostic_reads_like_a_compiler_message() {
        let d = Diagnostic::error("reports/x.toml", Some((3, 7)), "expected a date");
        assert_eq!(d.to_string(), "reports/x.toml:3:7: error: expected a date");
    }
}
