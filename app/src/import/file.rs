//! Reading an uploaded spreadsheet export: its encoding (UTF-8 with or
//! without a byte-order mark, UTF-16 with one, else Windows-1252 as Excel
//! writes "CSV (semicolon)" on a Danish machine), its delimiter (`,`, `;` or
//! tab) and its rows, parsed by the `csv` crate.

use std::borrow::Cow;

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

use super::{MAX_COLUMNS, MAX_FILE_MB, MAX_ROWS};
use crate::error::Problem;

/// A parsed file: the header row and the data rows, each as long as the header.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Table {
    pub headers: Vec<String>,
    pub rows: Vec<TableRow>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TableRow {
    /// The line the row begins on in the file (the header is line 1).
    pub line: u32,
    pub cells: Vec<String>,
}

/// The file's text. Valid UTF-8 is taken as such; a UTF-16 byte-order mark
/// is honoured; anything else is Windows-1252, which maps every byte.
pub fn decode(bytes: &[u8]) -> Cow<'_, str> {
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom..]);
        return text;
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Cow::Borrowed(text),
        Err(_) => WINDOWS_1252.decode_without_bom_handling(bytes).0,
    }
}

/// The delimiter the header line uses most, outside quotes: `;`, tab or `,`.
pub fn sniff_delimiter(text: &str) -> u8 {
    let mut counts = [(b',', 0usize), (b';', 0), (b'\t', 0)];
    let mut quoted = false;
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            '\n' | '\r' if !quoted => break,
            _ if quoted => {}
            _ => {
                if let Some(count) = counts.iter_mut().find(|(d, _)| char::from(*d) == c) {
                    count.1 += 1;
                }
            }
        }
    }
    counts
        .iter()
        .max_by_key(|(delimiter, count)| (*count, *delimiter == b','))
        .map_or(b',', |(delimiter, _)| *delimiter)
}

/// Parses a file into its header and rows, or says why it cannot be used.
pub fn read_table(bytes: &[u8]) -> Result<Table, Problem> {
    if bytes.len() > MAX_FILE_MB as usize * 1024 * 1024 {
        return Err(Problem::FileTooLarge {
            max_mb: MAX_FILE_MB,
        });
    }
    let text = decode(bytes);
    // Text files hold no NUL; a spreadsheet saved as .xlsx or a picture does.
    if text.contains('\0') || (text.trim().is_empty()) {
        return Err(if text.trim().is_empty() {
            Problem::NoRows
        } else {
            Problem::NotCsv
        });
    }
    let delimiter = sniff_delimiter(&text);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut headers: Option<Vec<String>> = None;
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|_| Problem::NotCsv)?;
        // The reader counts lines from 0; spreadsheets from 1.
        let line = record.position().map_or(0, |position| {
            u32::try_from(position.line().saturating_add(1)).unwrap_or(u32::MAX)
        });
        if record.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        let Some(header) = &headers else {
            if record.len() > MAX_COLUMNS {
                return Err(Problem::TooMany {
                    max: MAX_COLUMNS as u32,
                });
            }
            headers = Some(
                record
                    .iter()
                    .enumerate()
                    .map(|(n, cell)| match cell.trim() {
                        "" => format!("#{}", n + 1),
                        name => name.chars().take(120).collect(),
                    })
                    .collect(),
            );
            continue;
        };
        if rows.len() >= MAX_ROWS as usize {
            return Err(Problem::TooManyRows { max: MAX_ROWS });
        }
        let mut cells: Vec<String> = record
            .iter()
            .take(header.len())
            .map(str::to_owned)
            .collect();
        cells.resize(header.len(), String::new());
        rows.push(TableRow { line, cells });
    }
    let headers = headers.ok_or(Problem::NoRows)?;
    if rows.is_empty() {
        return Err(Problem::NoRows);
    }
    Ok(Table { headers, rows })
}

/// The bytes of a text as Excel on a Danish machine saves "CSV (semicolon)"; for tests.
pub fn windows_1252(text: &str) -> Vec<u8> {
    WINDOWS_1252.encode(text).0.into_owned()
}

/// The bytes of a text as UTF-8 with a byte-order mark; for tests.
pub fn utf8_with_bom(text: &str) -> Vec<u8> {
    let mut bytes = vec![0xEF, 0xBB, 0xBF];
    bytes.extend_from_slice(UTF_8.encode(text).0.as_ref());
    bytes
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn excel_semicolon_windows_1252_reads_danish_letters() {
        let bytes = windows_1252("Navn;E-mail;By\r\nSøren Ærø;soren@example.dk;Århus\r\n");
        assert!(std::str::from_utf8(&bytes).is_err());
        let table = read_table(&bytes).expect("table");
        assert_eq!(table.headers, ["Navn", "E-mail", "By"]);
        assert_eq!(
            table.rows[0].cells,
            ["Søren Ærø", "soren@example.dk", "Århus"]
        );
        assert_eq!(table.rows[0].line, 2);
    }

    #[test]
    fn utf8_with_bom_commas_quotes_and_tabs() {
        let table = read_table(&utf8_with_bom(
            "Name,Goals\n\"Ærø, Søren\",\"Two\nlines\"\n\nAna,x\n",
        ))
        .expect("table");
        assert_eq!(table.headers, ["Name", "Goals"]);
        assert_eq!(table.rows[0].cells, ["Ærø, Søren", "Two\nlines"]);
        assert_eq!(table.rows[1].line, 5);
        let tabs = read_table(b"Name\tEmail\nAna\tana@example.dk\n").expect("tabs");
        assert_eq!(tabs.rows[0].cells, ["Ana", "ana@example.dk"]);
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(
                "Navn\tBy\nSøren\tÅrhus\n"
                    .encode_utf16()
                    .flat_map(u16::to_le_bytes),
            )
            .collect();
        assert_eq!(
            read_table(&utf16).expect("utf-16").rows[0].cells,
            ["Søren", "Århus"]
        );
    }

    #[test]
    fn short_rows_are_padded_and_limits_are_clear() {
        let table = read_table(b"a;b;c\n1\n").expect("table");
        assert_eq!(table.rows[0].cells, ["1", "", ""]);
        assert_eq!(read_table(b""), Err(Problem::NoRows));
        assert_eq!(read_table(b"only,a,header\n"), Err(Problem::NoRows));
        assert_eq!(read_table(b"PK\x03\x04\0\0binary"), Err(Problem::NotCsv));
        let many = format!("a\n{}", "x\n".repeat(MAX_ROWS as usize + 1));
        assert_eq!(
            read_table(many.as_bytes()),
            Err(Problem::TooManyRows { max: MAX_ROWS })
        );
        let huge = vec![b'x'; MAX_FILE_MB as usize * 1024 * 1024 + 1];
        assert_eq!(
            read_table(&huge),
            Err(Problem::FileTooLarge {
                max_mb: MAX_FILE_MB
            })
        );
    }

    proptest! {
        #[test]
        fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..4096)) {
            if let Ok(table) = read_table(&bytes) {
                prop_assert!(!table.rows.is_empty());
                for row in &table.rows {
                    prop_assert_eq!(row.cells.len(), table.headers.len());
                }
            }
        }

        #[test]
        fn any_table_written_with_any_delimiter_reads_back(
            delimiter in prop::sample::select(vec![b',', b';', b'\t']),
            headers in proptest::collection::vec("[A-Za-zæøåÆØÅ][A-Za-zæøåÆØÅ ]{0,10}", 2..6),
            cells in proptest::collection::vec(proptest::collection::vec("[^\u{0}]{0,20}", 6), 1..20),
            windows in any::<bool>(),
        ) {
            let mut writer = csv::WriterBuilder::new().delimiter(delimiter).from_writer(Vec::new());
            writer.write_record(&headers).unwrap();
            let rows: Vec<Vec<String>> = cells
                .into_iter()
                .map(|row| row.into_iter().take(headers.len()).collect::<Vec<_>>())
                .filter(|row| row.iter().any(|cell| !cell.trim().is_empty()))
                .collect();
            for row in &rows {
                writer.write_record(row).unwrap();
            }
            let text = String::from_utf8(writer.into_inner().unwrap()).unwrap();
            let encodable = !windows || text.chars().all(|c| {
                let bytes = windows_1252(&c.to_string());
                decode(&bytes) == c.to_string()
            });
            prop_assume!(encodable && !rows.is_empty());
            let bytes = if windows { windows_1252(&text) } else { text.into_bytes() };
            // Windows-1252 bytes that happen to be valid UTF-8 read as UTF-8, by design.
            prop_assume!(!windows || bytes.is_ascii() || std::str::from_utf8(&bytes).is_err());
            let table = read_table(&bytes).expect("table reads");
            let header_cells: Vec<String> = headers.iter().map(|h| h.trim().to_owned()).collect();
            prop_assert_eq!(&table.headers, &header_cells);
            let read: Vec<Vec<String>> = table.rows.into_iter().map(|row| row.cells).collect();
            prop_assert_eq!(read, rows);
        }
    }
}
