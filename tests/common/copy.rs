//! A copy of a folder, for a test or a benchmark to work on: the tests, the workbench's
//! tests and the benchmarks all take it from here.

use std::path::Path;

/// Copies `from` into `to`, folders and all, leaving out a lock file left by a run.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create dir");
    for entry in std::fs::read_dir(from).expect("read dir").flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else if entry.file_name() != ".scrutineer.lock" {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}
