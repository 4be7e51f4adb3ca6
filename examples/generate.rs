//! Writes a synthetic workspace at council scale, for benchmarks and trying the
//! workbench on a big folder:
//!
//! ```text
//! cargo run --release --example generate -- --actions 100000 --out /tmp/ws [--seed 7]
//! ```
//!
//! The same options always write the same bytes. See `support/synthetic.rs`.

#[path = "support/synthetic.rs"]
mod synthetic;

use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "usage: generate --actions N --out DIR [--seed S]";

fn main() -> ExitCode {
    let mut actions = None;
    let mut out = None;
    let mut seed = 1;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let value = args.next();
        let parsed = match (arg.as_str(), value) {
            ("--actions", Some(v)) => v.parse().map(|n| actions = Some(n)).is_ok(),
            ("--seed", Some(v)) => v.parse().map(|n| seed = n).is_ok(),
            ("--out", Some(v)) => {
                out = Some(PathBuf::from(v));
                true
            }
            _ => false,
        };
        if !parsed {
            eprintln!("generate: cannot read `{arg}`\n{USAGE}");
            return ExitCode::from(2);
        }
    }
    let (Some(actions), Some(out)) = (actions, out) else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    if out.join("reports").exists() {
        eprintln!(
            "generate: {} already holds a workspace; choose an empty folder",
            out.display()
        );
        return ExitCode::from(2);
    }
    match synthetic::generate(&out, synthetic::Options { actions, seed }) {
        Ok(s) => {
            println!(
                "{}: {} report(s), {} recommendation(s), {} action(s), {} owner(s), {} tracked item(s) (seed {seed})",
                out.display(),
                s.reports,
                s.recommendations,
                s.actions,
                s.owners,
                s.tracked
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("generate: cannot write {}: {e}", out.display());
            ExitCode::from(1)
        }
    }
}
