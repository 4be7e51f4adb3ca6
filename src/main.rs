//! The scrutineer binary: parse the command line, run a command or the workbench.

use clap::Parser;
use scrutineer::cli::{self, Args};
use std::process::ExitCode;

fn main() -> ExitCode {
    let args = Args::parse();
    let outcome = match &args.command {
        Some(command) => cli::run(&args, command),
        None => cli::load(&args).and_then(|(ws, today, read_only)| {
            scrutineer::tui::run_loaded(ws, today, read_only)
                .map_err(|e| cli::Failure::failed(format!("{e:#}")))
        }),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            eprintln!(
                "scrutineer: {}",
                scrutineer::text::sanitize(&failure.message, false)
            );
            ExitCode::from(failure.code)
        }
    }
}
