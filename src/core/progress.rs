//! Progress on stderr for long stages, drawn only on a terminal and without
//! `--quiet`. Every bar of the process lives in one `MultiProgress`, so stages
//! running in parallel get a line each instead of overwriting one another. A
//! counted stage ends as one summary line (`✓ loaded 2 files, 90.12 MiB in
//! 0.41 s`), a spinner is cleared: nothing else of the progress stays on screen.
//!
//! Counting is cheap enough for a million rows: a parallel pass counts a
//! block of rows at a time, a reader counts each buffer it fills.

use indicatif::{BinaryBytes, HumanCount, MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::iter::{IndexedParallelIterator, ParallelIterator};
use std::io::IsTerminal;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// Rows counted at once by [`Counter::each`]: one bar update per block.
const BLOCK: usize = 8192;
const TICK: Duration = Duration::from_millis(120);

#[derive(Debug, Clone)]
pub(crate) struct Progress {
    /// `None`: nothing is drawn (`--quiet`, or stderr is not a terminal).
    multi: Option<MultiProgress>,
    /// `PMC_MIGRATE_TIMINGS=1`: each stage's wall time on stderr, for benchmarking.
    timings: bool,
}

/// What a bar counts.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Unit {
    Bytes,
    /// Things of this plural name ("rows", "pages", "files").
    Items(&'static str),
}

impl Progress {
    pub(crate) fn new(quiet: bool) -> Self {
        let visible = !quiet && std::io::stderr().is_terminal();
        Progress {
            multi: visible.then(|| terminal().clone()),
            timings: std::env::var_os("PMC_MIGRATE_TIMINGS").is_some(),
        }
    }

    /// A spinner for a stage without counts; cleared when it ends.
    pub(crate) fn stage(&self, name: &'static str) -> Stage {
        let bar = self.add(name, None, ProgressStyle::with_template("{spinner} {msg} {elapsed}"));
        self.begin(name, bar, None)
    }

    /// A bar counting `total` units through its [`Counter`]; [`Stage::finish`]
    /// turns it into one summary line.
    pub(crate) fn bar(&self, name: &'static str, unit: Unit, total: u64) -> Stage {
        let template = match unit {
            Unit::Bytes => {
                "{spinner} {msg} [{bar:20}] {binary_bytes}/{binary_total_bytes} {binary_bytes_per_sec}".into()
            }
            Unit::Items(label) => {
                format!("{{spinner}} {{msg}} [{{bar:20}}] {{human_pos}}/{{human_len}} {label} {{per_sec:0}}")
            }
        };
        let bar = self.add(name, Some(total), ProgressStyle::with_template(&template));
        self.begin(name, bar, Some(unit))
    }

    /// A stage that draws nothing, only timed under `PMC_MIGRATE_TIMINGS`
    /// (one that encloses stages with bars of their own).
    pub(crate) fn timer(&self, name: &'static str) -> Stage {
        self.begin(name, None, None)
    }

    fn add(
        &self,
        name: &'static str,
        total: Option<u64>,
        style: Result<ProgressStyle, indicatif::style::TemplateError>,
    ) -> Option<ProgressBar> {
        let multi = self.multi.as_ref()?;
        let bar = multi.add(ProgressBar::with_draw_target(total, ProgressDrawTarget::hidden()));
        bar.set_style(style.unwrap_or_else(|_| ProgressStyle::default_spinner()).progress_chars("=> "));
        bar.set_message(name);
        bar.enable_steady_tick(TICK);
        live().push(bar.clone());
        Some(bar)
    }

    fn begin(&self, name: &'static str, bar: Option<ProgressBar>, unit: Option<Unit>) -> Stage {
        let cpu = if self.timings { cpu_seconds() } else { 0.0 };
        Stage { bar, multi: self.multi.clone(), unit, name, start: Instant::now(), cpu, timings: self.timings }
    }
}

/// User and system CPU time of the whole process (every thread) so far, from
/// Linux's `/proc/self/stat` in its fixed 1/100 s ticks; 0 elsewhere. On a
/// shared machine a stage's CPU time says more than its wall time.
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the command name, which is in parentheses and may hold spaces.
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let ticks: u64 = rest.split_whitespace().skip(11).take(2).filter_map(|f| f.parse::<u64>().ok()).sum();
    ticks as f64 / 100.0
}

static MULTI: OnceLock<MultiProgress> = OnceLock::new();

/// The one place bars are drawn, shared by every stage of the process.
fn terminal() -> &'static MultiProgress {
    MULTI.get_or_init(|| {
        // A dumb terminal can't move the cursor: no bars, as indicatif's own stderr target.
        if std::env::var_os("TERM").is_some_and(|t| t == "dumb") {
            return MultiProgress::with_draw_target(ProgressDrawTarget::hidden());
        }
        let term = Narrower(console::Term::buffered_stderr());
        MultiProgress::with_draw_target(ProgressDrawTarget::term_like_with_hz(Box::new(term), 20))
    })
}

/// Standard error for the bars, two columns narrower than the terminal.
/// indicatif pads each line to the width and leaves the cursor at the edge,
/// where the terminal's echo of Ctrl-C (`^C`) would wrap onto a new line and
/// put the last bar out of reach of the clearing: two columns leave it room.
#[derive(Debug)]
struct Narrower(console::Term);

impl indicatif::TermLike for Narrower {
    fn width(&self) -> u16 {
        self.0.size().1.saturating_sub(2).max(1)
    }
    fn height(&self) -> u16 {
        self.0.size().0
    }
    fn move_cursor_up(&self, n: usize) -> std::io::Result<()> {
        self.0.move_cursor_up(n)
    }
    fn move_cursor_down(&self, n: usize) -> std::io::Result<()> {
        self.0.move_cursor_down(n)
    }
    fn move_cursor_right(&self, n: usize) -> std::io::Result<()> {
        self.0.move_cursor_right(n)
    }
    fn move_cursor_left(&self, n: usize) -> std::io::Result<()> {
        self.0.move_cursor_left(n)
    }
    fn write_line(&self, s: &str) -> std::io::Result<()> {
        self.0.write_line(s)
    }
    fn write_str(&self, s: &str) -> std::io::Result<()> {
        self.0.write_str(s)
    }
    fn clear_line(&self) -> std::io::Result<()> {
        self.0.clear_line()
    }
    fn flush(&self) -> std::io::Result<()> {
        std::io::Write::flush(&mut &self.0)
    }
}

/// The bars on screen now, so that a signal can stop their ticking.
static LIVE: std::sync::Mutex<Vec<ProgressBar>> = std::sync::Mutex::new(Vec::new());

fn live() -> std::sync::MutexGuard<'static, Vec<ProgressBar>> {
    LIVE.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Wipe every bar from the screen and draw no more (the process is about to
/// exit on a signal: nothing of the progress may stay on screen). Their
/// ticking stops first, or a tick would draw them again.
pub(crate) fn clear_all() {
    if let Some(multi) = MULTI.get() {
        let bars = std::mem::take(&mut *live());
        for bar in &bars {
            bar.disable_steady_tick();
        }
        let _ = multi.clear();
        for bar in &bars {
            multi.remove(bar);
        }
        // A suspension clears what is drawn and redraws (now nothing), flushed.
        multi.suspend(|| {});
        multi.set_draw_target(ProgressDrawTarget::hidden());
    }
}

/// One stage on screen; cleared (without a summary) when dropped, as on an error.
pub(crate) struct Stage {
    bar: Option<ProgressBar>,
    multi: Option<MultiProgress>,
    unit: Option<Unit>,
    name: &'static str,
    start: Instant,
    /// The process's CPU time when the stage began (timings only).
    cpu: f64,
    timings: bool,
}

impl Stage {
    /// The handle that counts this stage's work (a no-op when nothing is drawn).
    pub(crate) fn counter(&self) -> Counter {
        Counter(self.bar.clone())
    }

    /// End the stage as one line, `✓ {summary(count)} in 0.41 s (rate)`,
    /// where `count` is the bar's total in its unit ("1,000,000 rows").
    pub(crate) fn finish(mut self, summary: impl FnOnce(String) -> String) {
        let (Some(bar), Some(unit), Some(multi)) = (self.bar.take(), self.unit, &self.multi) else {
            return;
        };
        let total = bar.length().unwrap_or(bar.position());
        clear(multi, &bar);
        let secs = self.start.elapsed().as_secs_f64();
        let mut line = format!("✓ {} in {secs:.2} s", summary(amount(unit, total)));
        // A rate over a few milliseconds says nothing.
        if secs >= 0.1 {
            let rate = (total as f64 / secs) as u64;
            line.push_str(&format!(" ({}/s)", amount(unit, rate)));
        }
        // Not `multi.println`, which pads the line with spaces to the
        // terminal's width (a copied line would carry them, and a terminal
        // joins it with the next): clear the bars, print, draw them again.
        multi.suspend(|| eprintln!("{line}"));
    }
}

/// `total` in `unit`: "90.12 MiB", "1,000,000 rows", "1 page".
fn amount(unit: Unit, total: u64) -> String {
    match unit {
        Unit::Bytes => BinaryBytes(total).to_string(),
        Unit::Items(label) if total == 1 => format!("1 {}", label.strip_suffix('s').unwrap_or(label)),
        Unit::Items(label) => format!("{} {label}", HumanCount(total)),
    }
}

fn clear(multi: &MultiProgress, bar: &ProgressBar) {
    bar.disable_steady_tick();
    bar.finish_and_clear();
    multi.remove(bar);
    live().retain(|b| !b.is_finished());
}

impl Drop for Stage {
    fn drop(&mut self) {
        if let (Some(bar), Some(multi)) = (self.bar.take(), &self.multi) {
            clear(multi, &bar);
        }
        if self.timings {
            // Resident and peak memory so far (Linux), to see which stage costs what.
            let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
            let field = |key: &str| status.lines().find(|l| l.starts_with(key)).map_or("?", |l| l[key.len()..].trim());
            let line = format!(
                "timing: {} {:.3} s, cpu {:.2} s, rss {}, peak {}",
                self.name,
                self.start.elapsed().as_secs_f64(),
                cpu_seconds() - self.cpu,
                field("VmRSS:"),
                field("VmHWM:")
            );
            match &self.multi {
                Some(multi) => multi.suspend(|| eprintln!("{line}")),
                None => eprintln!("{line}"),
            }
        }
    }
}

/// Counts a stage's work from any thread; cloning it is cheap.
#[derive(Debug, Clone, Default)]
pub(crate) struct Counter(Option<ProgressBar>);

impl Counter {
    /// A counter that counts nowhere.
    pub(crate) fn hidden() -> Counter {
        Counter(None)
    }

    pub(crate) fn add(&self, n: u64) {
        if let Some(bar) = &self.0 {
            bar.inc(n);
        }
    }

    /// The items of a parallel pass, counted as the pass reaches them, one
    /// block of [`BLOCK`] at a time (an update per row would cost more than
    /// checking many a row).
    pub(crate) fn each<I: IndexedParallelIterator>(&self, iter: I) -> impl IndexedParallelIterator<Item = I::Item> {
        let len = iter.len();
        let bar = self.0.clone();
        iter.enumerate().map(move |(i, item)| {
            if i % BLOCK == 0
                && let Some(bar) = &bar
            {
                bar.inc((len - i).min(BLOCK) as u64);
            }
            item
        })
    }

    /// A count of a file of `file_len` bytes parsed from its decoded form, a
    /// text of `text_len` bytes: each offset reached in the text counts the
    /// file's bytes in proportion.
    pub(crate) fn reader(&self, text_len: usize, file_len: u64) -> Reading {
        Reading { text_len, file_len, counted: 0, counter: self.clone() }
    }
}

/// See [`Counter::reader`]; counts the rest of the file when dropped.
pub(crate) struct Reading {
    text_len: usize,
    file_len: u64,
    counted: u64,
    counter: Counter,
}

impl Reading {
    /// Parsing reached byte `at` of the text.
    pub(crate) fn reached(&mut self, at: usize) {
        if self.counter.0.is_some() {
            let done = (at as u128 * u128::from(self.file_len) / self.text_len.max(1) as u128) as u64;
            self.count_to(done);
        }
    }

    fn count_to(&mut self, file_bytes: u64) {
        self.counter.add(file_bytes.saturating_sub(self.counted));
        self.counted = self.counted.max(file_bytes);
    }
}

impl Drop for Reading {
    fn drop(&mut self) {
        self.count_to(self.file_len);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_name_their_unit() {
        assert_eq!(amount(Unit::Items("rows"), 1_050_000), "1,050,000 rows");
        assert_eq!(amount(Unit::Items("pages"), 1), "1 page");
        assert_eq!(amount(Unit::Bytes, 3 * 1024 * 1024 / 2), "1.50 MiB");
    }

    #[test]
    fn counting_blocks_adds_up_to_the_length() {
        use rayon::prelude::*;
        let bar = ProgressBar::hidden();
        let counter = Counter(Some(bar.clone()));
        let rows: Vec<usize> = (0..BLOCK * 3 + 17).collect();
        let sum: usize = counter.each(rows.par_iter()).sum();
        assert_eq!(sum, rows.iter().sum::<usize>());
        assert_eq!(bar.position(), rows.len() as u64);
    }

    #[test]
    fn a_reader_counts_file_bytes_in_proportion() {
        let bar = ProgressBar::hidden();
        let counter = Counter(Some(bar.clone()));
        let mut reading = counter.reader(100_000, 200_000);
        reading.reached(8192);
        assert_eq!(bar.position(), 2 * 8192);
        reading.reached(4096);
        assert_eq!(bar.position(), 2 * 8192, "never backwards");
        drop(reading);
        assert_eq!(bar.position(), 200_000);
    }
}
