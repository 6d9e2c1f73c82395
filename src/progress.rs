//! Progress on stderr for long stages: shown only on a terminal and without `--quiet`.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::time::Duration;

#[derive(Debug, Clone, Copy)]
pub struct Progress {
    visible: bool,
    /// `PMC_MIGRATE_TIMINGS=1`: each stage's wall time on stderr, for benchmarking.
    timings: bool,
}

impl Progress {
    pub fn new(quiet: bool) -> Self {
        Progress {
            visible: !quiet && std::io::stderr().is_terminal(),
            timings: std::env::var_os("PMC_MIGRATE_TIMINGS").is_some(),
        }
    }

    /// A spinner for one stage; finished (and cleared) when dropped.
    pub fn stage(&self, name: &str) -> Stage {
        let timer = self.timings.then(|| (name.to_string(), std::time::Instant::now()));
        if !self.visible {
            return Stage(ProgressBar::hidden(), timer);
        }
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
        bar.set_style(
            ProgressStyle::with_template("{spinner} {msg} {elapsed}")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        );
        bar.set_message(name.to_string());
        bar.enable_steady_tick(Duration::from_millis(120));
        Stage(bar, timer)
    }
}

pub struct Stage(ProgressBar, Option<(String, std::time::Instant)>);

impl Drop for Stage {
    fn drop(&mut self) {
        self.0.finish_and_clear();
        if let Some((name, start)) = &self.1 {
            // Resident and peak memory so far (Linux), to see which stage costs what.
            let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
            let field = |key: &str| status.lines().find(|l| l.starts_with(key)).map_or("?", |l| l[key.len()..].trim());
            eprintln!(
                "timing: {name} {:.3} s, rss {}, peak {}",
                start.elapsed().as_secs_f64(),
                field("VmRSS:"),
                field("VmHWM:")
            );
        }
    }
}
