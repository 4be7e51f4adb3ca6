//! Where the workbench's memory and start-up time go: the heap in use, its peak, and
//! the time taken, for each step of starting on a workspace (loading it, then building
//! the workbench with its search index and first view). The heap is counted by a global
//! allocator that wraps the system's; the times are of one run.
//!
//! `cargo run --release --example memory -- DIR` (the bundled workspace without DIR).
//! The pty harness gives the whole process's peak (VmHWM), which also counts the
//! program, the stacks and what the allocator holds but does not use.

use scrutineer::tui::{App, Theme};
use scrutineer::workspace::Workspace;
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);
/// How many blocks are in use: each costs the system allocator a little more than asked.
static BLOCKS: AtomicUsize = AtomicUsize::new(0);

fn grew(by: usize) {
    let now = LIVE.fetch_add(by, Ordering::Relaxed) + by;
    PEAK.fetch_max(now, Ordering::Relaxed);
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: passed through to the system allocator unchanged.
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            grew(layout.size());
            BLOCKS.fetch_add(1, Ordering::Relaxed);
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: passed through to the system allocator unchanged.
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        BLOCKS.fetch_sub(1, Ordering::Relaxed);
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: passed through to the system allocator unchanged.
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            if new_size >= layout.size() {
                grew(new_size - layout.size());
            } else {
                LIVE.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
            }
        }
        p
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn mb(bytes: usize) -> String {
    format!("{:.1} MB", bytes as f64 / 1e6)
}

/// Prints the heap in use now, its peak since the last step and the time since then,
/// then starts a new step.
fn step(what: &str, since: &mut std::time::Instant) {
    let live = LIVE.load(Ordering::Relaxed);
    let peak = PEAK.swap(live, Ordering::Relaxed);
    println!(
        "{what:<38} in use {:>9} in {:>9} blocks   peak during {:>9}   took {:>7.1} ms",
        mb(live),
        BLOCKS.load(Ordering::Relaxed),
        mb(peak),
        since.elapsed().as_secs_f64() * 1e3
    );
    *since = std::time::Instant::now();
}

fn main() -> Result<(), String> {
    let dir = match std::env::args().nth(1) {
        Some(dir) => std::path::PathBuf::from(dir),
        None => std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data"),
    };
    let mut since = std::time::Instant::now();
    step("start", &mut since);
    let ws = Workspace::load(&dir).map_err(|e| e.to_string())?;
    let items = ws.items.len();
    step(&format!("loaded ({items} items)"), &mut since);
    let today = jiff::civil::date(2026, 11, 22);
    let app = App::new(ws, today, None, Theme::colour());
    step("workbench built (index, first view)", &mut since);
    drop(app);
    step("dropped", &mut since);
    Ok(())
}
