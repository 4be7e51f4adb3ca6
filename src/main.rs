//! The scrutineer binary: parse the command line, run a command or the workbench.

use clap::Parser;
use scrutineer::cli::{self, Args};
use std::process::ExitCode;

fn main() -> ExitCode {
    let args = Args::parse();
    let outcome = match &args.command {
        Some(command) => cli::run(&args, command),
        None => workbench_terminal()
            .and_then(|()| cli::workspace_dir(&args))
            .and_then(|dir| {
                // A folder that cannot be a workspace is said plainly, before the screen
                // is taken over.
                scrutineer::workspace::check_folder(&dir)
                    .map_err(|e| cli::Failure::usage(e.to_string()))?;
                // The workbench shows that it is loading, then loads.
                scrutineer::tui::run_loading(|| cli::load(&args))
                    .and_then(|ran| ran.map_err(|e| cli::Failure::failed(format!("{e:#}"))))
            }),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            eprintln!(
                "scrutineer: {}",
                scrutineer::text::escape_controls(&failure.message, true)
            );
            ExitCode::from(failure.code)
        }
    }
}

/// Drawing into a file or a pipe would fill it with escape codes and leave the
/// terminal blank: the workbench says so plainly, before anything else is done.
fn workbench_terminal() -> Result<(), cli::Failure> {
    match scrutineer::tui::terminal_problem() {
        Some(why) => Err(cli::Failure::usage(why)),
        None => Ok(()),
    }
}
