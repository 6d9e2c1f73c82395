//! Floor for workbook reading: stream every cell of each .xlsx's first sheet
//! with calamine and count them, nothing else.
//!
//! cargo run --release --example xlsx_floor -- memberships.xlsx employees.xlsx
use calamine::{Reader, Xlsx, open_workbook};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    for path in std::env::args().skip(1) {
        let mut book: Xlsx<_> = open_workbook(&path)?;
        let name = book.sheet_names().first().cloned().ok_or("no sheet")?;
        let mut cells = book.worksheet_cells_reader(&name)?;
        let mut n = 0u64;
        while cells.next_cell()?.is_some() {
            n += 1;
        }
        println!("{path}: {n} cells");
    }
    Ok(())
}
