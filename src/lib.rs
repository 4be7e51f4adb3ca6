//! scrutineer: a keyboard-driven workbench for preparing select (scrutiny) committee
//! meetings. See ARCHITECTURE.md for the parts and what may use what.

pub mod agenda;
pub mod cli;
pub mod model;
pub mod parallel;
pub mod query;
pub mod serve;
pub mod text;
pub mod tracker;
pub mod tui;
pub mod workspace;
