//! Fuzzes the workspace loader: any bytes, read as each kind of workspace file, must
//! give diagnostics, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&kind, rest)) = data.split_first() else {
        return;
    };
    let name = match kind % 4 {
        0 => "people.toml",
        1 => "committees.toml",
        2 => "tracking.toml",
        _ => "reports/fuzz.toml",
    };
    let text = String::from_utf8_lossy(rest);
    let _ = scrutineer::workspace::check_text(name, &text);
});
