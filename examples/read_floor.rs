//! The benchmark's floor: read both exports once with the csv crate and count
//! records and bytes, nothing else. No tool can load the data faster than this.
//!
//! cargo run --release --example read_floor -- memberships.csv employees.csv

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut total = 0u64;
    for path in std::env::args().skip(1) {
        let mut reader = csv::ReaderBuilder::new().flexible(true).from_path(&path)?;
        let mut record = csv::ByteRecord::new();
        let mut rows = 0u64;
        while reader.read_byte_record(&mut record)? {
            rows += 1;
        }
        println!("{path}: {rows} records");
        total += rows;
    }
    println!("total: {total} records");
    Ok(())
}
