//! The bundled workspace (the five seed reports), built into the binary so a first run
//! has something real to show.

use std::path::Path;

/// Every file of `data/`, by its path inside the workspace.
pub const FILES: &[(&str, &str)] = &[
    (
        "committees.toml",
        include_str!("../../data/committees.toml"),
    ),
    ("people.toml", include_str!("../../data/people.toml")),
    ("tracking.toml", include_str!("../../data/tracking.toml")),
    (
        "reports/dudley-2010.toml",
        include_str!("../../data/reports/dudley-2010.toml"),
    ),
    (
        "reports/leicester-2003.toml",
        include_str!("../../data/reports/leicester-2003.toml"),
    ),
    (
        "reports/oxfordshire-2005.toml",
        include_str!("../../data/reports/oxfordshire-2005.toml"),
    ),
    (
        "reports/oxfordshire-jar-2008.toml",
        include_str!("../../data/reports/oxfordshire-jar-2008.toml"),
    ),
    (
        "reports/protection-panel.toml",
        include_str!("../../data/reports/protection-panel.toml"),
    ),
];

/// Writes the bundled workspace into `dir` (which must not hold a workspace yet).
pub fn install(dir: &Path) -> std::io::Result<()> {
    for (name, text) in FILES {
        let path = dir.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(path, text)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_file_of_the_data_folder_is_bundled() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
        let mut on_disk = Vec::new();
        for sub in ["", "reports"] {
            let Ok(entries) = std::fs::read_dir(root.join(sub)) else {
                continue;
            };
            for entry in entries.flatten() {
                let name = entry.file_name().to_string_lossy().to_string();
                if name.ends_with(".toml") {
                    on_disk.push(if sub.is_empty() {
                        name
                    } else {
                        format!("{sub}/{name}")
                    });
                }
            }
        }
        on_disk.sort();
        let mut bundled: Vec<String> = FILES.iter().map(|(n, _)| n.to_string()).collect();
        bundled.sort();
        assert_eq!(on_disk, bundled);
    }
}
