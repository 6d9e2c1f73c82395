//! Every message tells the truth: each test here failed on the code before
//! its fix. Duplicates that differ in letter case only, one file given for
//! both exports, workbooks that cannot be opened, `--out` naming a file,
//! `status -q`, hints that fit the command, what `explain` says a rule does
//! to the exit code, the command line's rough edges, and the change listing
//! on a narrow terminal.

mod cli_surface;
mod duplicates;
mod explain_effects;
mod inputs;
mod out_folder;
mod terminal_width;
