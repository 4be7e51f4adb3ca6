//! `scrutineer check`: errors (with file, line and column), then data warnings.
//! Exit code 1 when there are errors.

use super::{Args, Failure, Outcome};
use crate::text::sanitize;
use crate::workspace::Workspace;

pub fn run(args: &Args) -> Outcome {
    let dir = super::workspace_dir(args)?;
    let ws = Workspace::load(&dir).map_err(|e| Failure::usage(e.to_string()))?;
    let mut errors: Vec<String> = ws.errors().map(|d| d.to_string()).collect();
    // The workspace's own status words, used when a tracker is imported.
    if let Err(e) = crate::workspace::import::vocabulary(&dir) {
        errors.push(e);
    }
    let mut warnings: Vec<String> = ws.warnings().map(|d| d.to_string()).collect();
    // Temporary files interrupted saves left behind (the next save removes them).
    for (path, bytes) in crate::workspace::store::stale_temporary_files(&dir) {
        let name = path.strip_prefix(&dir).unwrap_or(&path);
        warnings.push(
            crate::workspace::Diagnostic::warning(
                &name.display().to_string(),
                None,
                format!(
                    "a temporary file left by an interrupted save ({bytes} bytes); the next change removes it, or delete it"
                ),
            )
            .to_string(),
        );
    }
    for d in errors.iter().chain(&warnings) {
        outln!("{}", sanitize(d, false));
    }
    let summary = format!(
        "{}: {} report(s), {} item(s); {} error(s), {} warning(s)",
        dir.display(),
        ws.reports.len(),
        ws.items.len(),
        errors.len(),
        warnings.len()
    );
    if errors.is_empty() {
        outln!("{summary}");
        Ok(())
    } else {
        Err(Failure::failed(summary))
    }
}
