//! A small .xlsx written from rows of text, as the tests need one with a
//! title row and Chinese headers: one sheet, every cell an inline string.

use std::io::Write;

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// `A`, `B`, … `Z`, `AA`: the column letters of 0-based `i`.
fn column(i: usize) -> String {
    let mut n = i + 1;
    let mut out = Vec::new();
    while n > 0 {
        out.push(b'A' + ((n - 1) % 26) as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap()
}

/// A relationships part with one relationship, `rId1`, of `kind` to `target`.
fn relationship(ns: &str, kind: &str, target: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"{ns}/package/2006/relationships\">\
         <Relationship Id=\"rId1\" Type=\"{ns}/officeDocument/2006/relationships/{kind}\" Target=\"{target}\"/>\
         </Relationships>"
    )
}

/// The bytes of a workbook whose sheet `sheet` holds `rows` (an empty row is blank).
pub fn workbook(sheet: &str, rows: &[Vec<&str>]) -> Vec<u8> {
    let mut data = String::new();
    for (r, cells) in rows.iter().enumerate() {
        data.push_str(&format!("<row r=\"{}\">", r + 1));
        for (c, value) in cells.iter().enumerate().filter(|(_, v)| !v.is_empty()) {
            let at = format!("{}{}", column(c), r + 1);
            data.push_str(&format!("<c r=\"{at}\" t=\"inlineStr\"><is><t>{}</t></is></c>", escape(value)));
        }
        data.push_str("</row>");
    }
    let ns = "http://schemas.openxmlformats.org";
    let files = [
        (
            "[Content_Types].xml",
            format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"{ns}/package/2006/content-types\">\
                 <Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
                 <Default Extension=\"xml\" ContentType=\"application/xml\"/>\
                 <Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>\
                 <Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>\
                 </Types>"
            ),
        ),
        ("_rels/.rels", relationship(ns, "officeDocument", "xl/workbook.xml")),
        (
            "xl/workbook.xml",
            format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"{ns}/spreadsheetml/2006/main\" \
                 xmlns:r=\"{ns}/officeDocument/2006/relationships\"><sheets>\
                 <sheet name=\"{}\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>",
                escape(sheet)
            ),
        ),
        ("xl/_rels/workbook.xml.rels", relationship(ns, "worksheet", "worksheets/sheet1.xml")),
        (
            "xl/worksheets/sheet1.xml",
            format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"{ns}/spreadsheetml/2006/main\">\
                 <sheetData>{data}</sheetData></worksheet>"
            ),
        ),
    ];
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, text) in files {
        zip.start_file(name, options).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}
